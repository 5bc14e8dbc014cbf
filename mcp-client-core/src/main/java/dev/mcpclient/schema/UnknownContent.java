package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * A content block whose {@code "type"} this client does not know, typically from a newer protocol
 * revision; it keeps the raw JSON and writes it back unchanged.
 *
 * @param raw the block as received, including its {@code "type"}
 * @since 0.2.0
 */
@JsonSerialize(using = UnknownContent.RawSerializer.class)
public record UnknownContent(JsonNode raw) implements Content, SamplingContent {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public UnknownContent {
        Objects.requireNonNull(raw, "raw");
    }

    /** The {@code "type"} as received, or {@code null} if there was none. */
    @Override
    public String type() {
        JsonNode type = raw.get("type");
        return type != null && type.isString() ? type.asString() : null;
    }

    /** Writes the raw node as is: its own {@code "type"} is the type id, nothing is added. */
    static final class RawSerializer extends StdSerializer<UnknownContent> {

        RawSerializer() {
            super(UnknownContent.class);
        }

        @Override
        public void serialize(UnknownContent value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeTree(value.raw());
        }

        @Override
        public void serializeWithType(
                UnknownContent value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
            serialize(value, gen, ctxt);
        }
    }
}
