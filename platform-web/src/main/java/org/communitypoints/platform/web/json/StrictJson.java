package org.communitypoints.platform.web.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How every service reads JSON: a value is taken only in the type the field declares, whole, and clean.
 * <ul>
 * <li>Text: no control characters but TAB, LF and CR, no DEL, no broken surrogates (400 INVALID_CHARACTERS naming
 * the field), see {@link org.communitypoints.platform.web.ControlCharacters}.</li>
 * <li>Numbers: a value that does not fit the field ({@code 2147483648} into an {@code int}, {@code 1e400} into a
 * {@code long}) is refused (400 NUMBER_OUT_OF_RANGE naming the field), which Jackson does by itself; a fraction
 * into an integer field ({@code 1.5}, which Jackson would otherwise cut to 1) is refused too, as are a number for
 * an enum (its position). {@code null} or nothing for a primitive is still
 * 0 or false: use {@code Integer}/{@code Boolean} with {@code @NotNull} where that matters.</li>
 * <li>Types: no guessing between scalars: {@code "5"} is not a number, {@code 5} is not text, {@code 1} and
 * {@code "true"} are not booleans, {@code ""} is not a number, a boolean or an enum (400 INVALID_FIELD_TYPE).</li>
 * </ul>
 * That a value fits its type does not make it sensible: every number of a request record also carries
 * {@code @Min}/{@code @Max} (or {@code @Positive}...) bounds of what the business allows, so that sums and
 * products of accepted values cannot overflow either, e.g.
 * {@code record AwardRequest(@NotNull @Min(1) @Max(10_000) Integer points, @NotBlank @Size(max = 200) String reason)}.
 *
 * <p>
 * Registered through Quarkus's {@link ObjectMapperCustomizer}, so it applies to every service with platform-web and
 * to everything read with the application's {@code ObjectMapper}: request bodies, and also REST client answers
 * and stored JSON read back with it (the event codec in {@code contracts} has its own mapper). Strings inside a
 * {@code JsonNode} body and map keys are not checked; request records use typed fields.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("community-points-strict-text")
                .addDeserializer(String.class, new StrictTextDeserializer()));

        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        // Not FAIL_ON_NULL_FOR_PRIMITIVES (nor a Nulls.FAIL override): both also refuse an absent primitive, and
        // request records such as a check-in's optional walkIn rely on absent meaning false. Where "absent" and 0
        // must differ, a request record uses a boxed type with @NotNull.

        for (LogicalType scalar : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            mapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
