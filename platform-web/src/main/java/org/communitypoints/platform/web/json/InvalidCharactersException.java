package org.communitypoints.platform.web.json;

import org.communitypoints.platform.web.ControlCharacters;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON string holds a character no field accepts ({@link org.communitypoints.platform.web.ControlCharacters}).
 * A {@link JsonMappingException}, so that Jackson adds the path of the field as it unwinds; the problem mappers
 * answer it with 400 INVALID_CHARACTERS naming that path.
 */
public class InvalidCharactersException extends JsonMappingException {

    private final String character;
    private final int position;

    InvalidCharactersException(JsonParser parser, String text, int index) {
        super(parser, "The text contains " + ControlCharacters.describe(text, index));
        this.character = ControlCharacters.codeOf(text, index);
        this.position = index + 1;
    }

    /** The offending character, e.g. "U+0000". */
    public String character() {
        return character;
    }

    /** Where it is in the text, counting from 1. */
    public int position() {
        return position;
    }
}
