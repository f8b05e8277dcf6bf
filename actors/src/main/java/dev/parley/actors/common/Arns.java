package dev.parley.actors.common;

/** Amazon Resource Names of Clean Rooms resources, in the shape the service model's patterns accept. */
public final class Arns {

    private Arns() {}

    public static String collaboration(String region, String accountId, String collaborationId) {
        return cleanrooms(region, accountId, "collaboration/" + collaborationId);
    }

    public static String membership(String region, String accountId, String membershipId) {
        return cleanrooms(region, accountId, "membership/" + membershipId);
    }

    public static String configuredTable(String region, String accountId, String configuredTableId) {
        return cleanrooms(region, accountId, "configuredtable/" + configuredTableId);
    }

    /** Named by the membership it was made in, then its own id, as the service model's pattern has it. */
    public static String configuredTableAssociation(
            String region, String accountId, String membershipId, String associationId) {
        return cleanrooms(region, accountId, "configuredtableassociation/" + membershipId + "/" + associationId);
    }

    /** Named by the membership it was made in, then its own id, as the service model's pattern has it. */
    public static String analysisTemplate(String region, String accountId, String membershipId, String templateId) {
        return cleanrooms(region, accountId, "membership/" + membershipId + "/analysistemplate/" + templateId);
    }

    private static String cleanrooms(String region, String accountId, String resource) {
        return "arn:aws:cleanrooms:" + region + ":" + accountId + ":" + resource;
    }
}
