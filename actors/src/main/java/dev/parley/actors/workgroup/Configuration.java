package dev.parley.actors.workgroup;

import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.shared.EngineVersions;
import java.util.regex.Pattern;

/**
 * The parts of a WorkGroupConfiguration Parley keeps. {@code outputLocation} is where calculation results go
 * ({@code s3://bucket/prefix}, mapped onto the data directory), {@code selectedEngineVersion} one that
 * ListEngineVersions lists; the flags are kept and reported as given.
 */
public record Configuration(
        String outputLocation,
        String expectedBucketOwner,
        String selectedEngineVersion,
        Boolean enforceWorkGroupConfiguration,
        Boolean publishCloudWatchMetricsEnabled,
        Boolean requesterPaysEnabled,
        String executionRole)
        implements CborSerializable {

    /** A bucket as S3 names them, then path segments none of which may step out of the bucket's directory. */
    private static final Pattern OUTPUT_LOCATION =
            Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/(?!\\.{1,2}(/|$))[^/\\\\\\x00]+)*/?");

    public Configuration {
        selectedEngineVersion = selectedEngineVersion == null ? EngineVersions.AUTO : listed(selectedEngineVersion);
        if (outputLocation != null && !OUTPUT_LOCATION.matcher(outputLocation).matches()) {
            throw new Rejection.Invalid("OutputLocation " + outputLocation
                    + " is not an S3 location of the form s3://bucket/prefix without . or .. segments");
        }
    }

    private static String listed(String selectedEngineVersion) {
        return EngineVersions.named(selectedEngineVersion)
                .orElseThrow(() -> new Rejection.Invalid("Unknown engine version " + selectedEngineVersion
                        + "; ListEngineVersions lists the versions a work group can select"))
                .selected();
    }

    /** The configuration a work group gets when none is given. */
    public static Configuration defaults() {
        return new Configuration(null, null, null, null, null, null, null);
    }

    public String effectiveEngineVersion() {
        return EngineVersions.named(selectedEngineVersion).orElseThrow().effective();
    }

    public boolean sparkEnabled() {
        return EngineVersions.isSpark(selectedEngineVersion);
    }

    /**
     * WorkGroupConfigurationUpdates: null members are left as they are; a remove flag clears its member. Checked like a
     * new configuration.
     */
    public record Updates(
            String outputLocation,
            boolean removeOutputLocation,
            String expectedBucketOwner,
            boolean removeExpectedBucketOwner,
            String selectedEngineVersion,
            Boolean enforceWorkGroupConfiguration,
            Boolean publishCloudWatchMetricsEnabled,
            Boolean requesterPaysEnabled,
            String executionRole)
            implements CborSerializable {

        Configuration applyTo(Configuration current) {
            return new Configuration(
                    removeOutputLocation ? null : or(outputLocation, current.outputLocation()),
                    removeExpectedBucketOwner ? null : or(expectedBucketOwner, current.expectedBucketOwner()),
                    or(selectedEngineVersion, current.selectedEngineVersion()),
                    or(enforceWorkGroupConfiguration, current.enforceWorkGroupConfiguration()),
                    or(publishCloudWatchMetricsEnabled, current.publishCloudWatchMetricsEnabled()),
                    or(requesterPaysEnabled, current.requesterPaysEnabled()),
                    or(executionRole, current.executionRole()));
        }

        private static <T> T or(T update, T current) {
            return update != null ? update : current;
        }
    }
}
