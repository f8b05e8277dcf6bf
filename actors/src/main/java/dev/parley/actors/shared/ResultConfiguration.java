package dev.parley.actors.shared;

/**
 * Where a member who can receive results wants protected query results by default:
 * an S3 location (the local object store by default) and an optional role to write with.
 */
public record ResultConfiguration(
        ResultFormat resultFormat, String bucket, String keyPrefix, Boolean singleFileOutput, String roleArn) {}
