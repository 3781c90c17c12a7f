package org.communitypoints.platform.web.json;

import java.io.IOException;

import org.communitypoints.platform.web.ControlCharacters;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads a JSON string as Jackson always does, then refuses it if it holds a control character or a broken
 * surrogate ({@link ControlCharacters#firstForbiddenInText}). Used for every {@code String}, also inside lists,
 * maps' values and {@code Optional}s.
 */
final class StrictTextDeserializer extends StdScalarDeserializer<String> {

    StrictTextDeserializer() {
        super(String.class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        int forbidden = ControlCharacters.firstForbiddenInText(text);
        if (forbidden >= 0) {
            throw new InvalidCharactersException(parser, text, forbidden);
        }
        return text;
    }
}
