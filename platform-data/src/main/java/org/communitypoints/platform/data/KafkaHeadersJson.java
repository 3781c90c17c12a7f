package org.communitypoints.platform.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Kafka headers as the text the outbox and the dead-letter table keep: a JSON array, in order (a name may
 * repeat), of {@code {"name": ..., "value": ...}} for UTF-8 text and {@code {"name": ..., "base64": ...}}
 * for anything else, so no header is changed on its way through the database.
 */
public final class KafkaHeadersJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, String>>> LIST = new TypeReference<>() {
    };

    private KafkaHeadersJson() {
    }

    /** @return the JSON text; {@code "[]"} for no headers */
    public static String write(Iterable<? extends Header> headers) {
        List<Map<String, String>> list = new ArrayList<>();
        if (headers != null) {
            for (Header header : headers) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("name", header.key());
                byte[] value = header.value();
                if (value != null) {
                    String text = utf8(value);
                    if (text != null && text.indexOf('\u0000') < 0) {
                        entry.put("value", text);
                    } else {
                        // PostgreSQL text holds no NUL, and not every header is text
                        entry.put("base64", Base64.getEncoder().encodeToString(value));
                    }
                }
                list.add(entry);
            }
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write headers", e);
        }
    }

    /** @return the headers the text names, in order; empty for null or blank */
    public static List<Header> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Header> headers = new ArrayList<>();
            for (Map<String, String> entry : JSON.readValue(json, LIST)) {
                String value = entry.get("value");
                String base64 = entry.get("base64");
                byte[] bytes = value != null ? value.getBytes(StandardCharsets.UTF_8)
                        : base64 != null ? Base64.getDecoder().decode(base64) : null;
                headers.add(new RecordHeader(entry.get("name"), bytes));
            }
            return headers;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers are not the JSON this class writes: " + json, e);
        }
    }

    /** A header's value as text (base64 when it is not UTF-8); null for a header without value. */
    public static String text(Header header) {
        byte[] value = header.value();
        if (value == null) {
            return null;
        }
        String text = utf8(value);
        return text != null ? text : Base64.getEncoder().encodeToString(value);
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
