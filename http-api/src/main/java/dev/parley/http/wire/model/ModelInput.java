package dev.parley.http.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.Buildable;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The reader of inputs, the counterpart of {@link ModelJson}: an operation's whole input, once it satisfies the
 * service model, read into the model's typed request class (the AWS SDK's model classes, generated from the same
 * model). Members in the payload are found under their wire names, the others (path labels, query, headers) under
 * their member names, as {@link RestJsonInput} assembles them.
 */
public final class ModelInput {

    private ModelInput() {}

    /** {@code input} read into the request {@code builder} makes. */
    public static <T extends SdkPojo> T read(JsonNode input, Supplier<? extends SdkBuilder<?, T>> builder) {
        SdkBuilder<?, T> request = builder.get();
        fill((SdkPojo) request, input);
        return request.build();
    }

    private static void fill(SdkPojo builder, JsonNode input) {
        for (SdkField<?> field : builder.sdkFields()) {
            String name = field.location() == MarshallLocation.PAYLOAD ? field.locationName() : field.memberName();
            JsonNode value = input.get(name);
            if (value != null && !value.isNull()) {
                field.set(builder, value(field, value));
            }
        }
    }

    private static Object value(SdkField<?> field, JsonNode value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            fill(builder, value);
            return ((Buildable) builder).build();
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            value.forEach(element -> list.add(element.isNull() ? null : value(member, element)));
            return list;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields()
                    .forEachRemaining(entry -> map.put(
                            entry.getKey(), entry.getValue().isNull() ? null : value(member, entry.getValue())));
            return map;
        }
        if (type == MarshallingType.STRING) {
            return value.asText();
        }
        if (type == MarshallingType.BOOLEAN) {
            return value.booleanValue();
        }
        if (type == MarshallingType.INTEGER) {
            return value.intValue();
        }
        if (type == MarshallingType.LONG) {
            return value.longValue();
        }
        if (type == MarshallingType.DOUBLE) {
            return value.doubleValue();
        }
        if (type == MarshallingType.FLOAT) {
            return value.floatValue();
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return value.decimalValue();
        }
        if (type == MarshallingType.INSTANT) {
            return value.isNumber()
                    ? Instant.ofEpochMilli(
                            value.decimalValue().movePointRight(3).longValue())
                    : Instant.parse(value.asText());
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText()));
        }
        throw new IllegalArgumentException(
                "Member " + field.memberName() + " has a type Parley does not read: " + type + " (" + value + ")");
    }
}
