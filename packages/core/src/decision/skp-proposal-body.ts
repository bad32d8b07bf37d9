// The skp-proposal body is the domain's SKP proposal schema; one definition, validated at the link edge.
/** The `skp-proposal` body: RHK cascaded from the superior's RHK, each with indicators and targets. */
export { SkpProposalSchema as SkpProposalBodySchema } from "../skp/skp.schema";
