package dev.parley.http.auth;

/**
 * Who made a verified request, and for which service and region it was signed (from the credential scope). The
 * service tells Clean Rooms and Athena apart where their paths could collide.
 */
public record Caller(String accountId, String accessKeyId, String service, String region) {}
