package org.communitypoints.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.csv.CsvDownload;
import org.communitypoints.platform.web.csv.CsvWriter;
import org.communitypoints.testsupport.OidcResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(OidcResource.class)
class CsvDownloadTest {

    @Path("/csv")
    public static class StatementResource {

        @GET
        @Path("/statement.csv")
        @Produces(CsvWriter.MEDIA_TYPE)
        @PermitAll
        public Response statement() {
            List<Object[]> lines = List.of(new Object[] { "2026-11-20", "茶艺课", 20 },
                    new Object[] { "2026-11-21", "=HYPERLINK(\"http://evil.example\")", -5 });
            return CsvDownload.of("积分明细-2026-11.csv", List.of("日期", "摘要", "积分"),
                    csv -> lines.forEach(csv::row));
        }
    }

    @Test
    void aCsvDownloadIsUtf8WithABomAndAChineseFileName() {
        byte[] body = given().when().get("/csv/statement.csv").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"____-2026-11.csv\"; "
                        + "filename*=UTF-8''%E7%A7%AF%E5%88%86%E6%98%8E%E7%BB%86-2026-11.csv"))
                .header("Cache-Control", equalTo("no-store"))
                .extract().asByteArray();

        assertEquals("\uFEFF日期,摘要,积分\r\n2026-11-20,茶艺课,20\r\n2026-11-21,\"'=HYPERLINK(\"\"http://evil.example\"\")\",-5\r\n",
                new String(body, StandardCharsets.UTF_8));
    }
}
