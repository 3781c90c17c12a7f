package org.communitypoints.gateway.home.client;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.communitypoints.platform.web.CorrelationIdFilter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.rest.client.reactive.Url;

/**
 * The catalog service's "me" endpoints, called with the resident's own token, on the instance named by the first argument
 * (its base URL: HomeService picks it as the proxy does).
 */
@RegisterRestClient(configKey = "catalog")
@Path("/api/catalog/me")
public interface CatalogClient {

    @GET
    @Path("/vouchers")
    CompletionStage<List<Voucher>> vouchers(@Url String instance, @QueryParam("state") String state,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(CorrelationIdFilter.HEADER) String correlationId);

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "HomeVoucher", description = "A voucher the resident can show at the partner's counter.")
    record Voucher(
            String redemptionId,
            String code,
            String rewardTitle,
            String partnerName,
            @Schema(format = "date-time") String validFrom,
            @Schema(format = "date-time") String validUntil,
            String state) {
    }
}
