package dev.parley.http.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * The one serializer of replies: an output of the service model's typed classes (the AWS SDK's model classes, which AWS
 * generates from the same model) written as restJson1 does: payload members under their wire names, timestamps as
 * epoch seconds with millisecond fractions, nothing for members that are not set.
 */
public final class ModelJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ModelJson() {}

    /** The JSON body of {@code output}: its payload members. */
    public static ObjectNode write(SdkPojo output) {
        ObjectNode json = NODES.objectNode();
        for (SdkField<?> field : output.sdkFields()) {
            Object value = field.getValueOrDefault(output);
            if (field.location() == MarshallLocation.PAYLOAD && isSet(value)) {
                json.set(field.locationName(), value(field, value));
            }
        }
        return json;
    }

    private static JsonNode value(SdkField<?> field, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return write((SdkPojo) value);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            ArrayNode list = NODES.arrayNode();
            ((List<?>) value).forEach(element -> list.add(value(member, element)));
            return list;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            ObjectNode map = NODES.objectNode();
            ((Map<?, ?>) value).forEach((key, element) -> map.set(key.toString(), value(member, element)));
            return map;
        }
        if (value instanceof Instant instant) {
            return NODES.numberNode(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Number number) {
            return number instanceof BigDecimal decimal
                    ? NODES.numberNode(decimal)
                    : number instanceof Double || number instanceof Float
                            ? NODES.numberNode(number.doubleValue())
                            : NODES.numberNode(number.longValue());
        }
        return NODES.textNode(value.toString());
    }

    /** Unset members: null, and the SDK's placeholders for lists and maps nobody set. */
    private static boolean isSet(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }
}
