# syntax=docker/dockerfile:1
# One image recipe for every service of the suite: docker build --build-arg MODULE=points-service .
# docker-compose.yml builds the four services with it. Stage 1 builds the module's Quarkus fast-jar
# with Maven (the version ./mvnw pins); stage 2 runs it on a JRE as a non-root user.
ARG MODULE=gateway

FROM maven:3.9.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q package -DskipTests -pl "${MODULE}" -am

FROM eclipse-temurin:17-jre
ARG MODULE
# -XX:-UseCodeCacheFlushing: Java 17's code cache sweeper throws out compiled methods that went unused for a while,
# even with the cache mostly empty, so the first minutes after every quiet spell run on less optimised code while C2
# compiles them again (docs/benchmarks.md, 2026-12-05 14:26–16:06). A service's compiled code stays far below the
# 240 MB reserved for it (about 50 MB measured).
ENV LANG=C.UTF-8 \
    JAVA_OPTS_APPEND="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UseCodeCacheFlushing"
WORKDIR /app
COPY --from=build --chown=185:0 /src/${MODULE}/target/quarkus-app/lib/ /app/lib/
COPY --from=build --chown=185:0 /src/${MODULE}/target/quarkus-app/*.jar /app/
COPY --from=build --chown=185:0 /src/${MODULE}/target/quarkus-app/app/ /app/app/
COPY --from=build --chown=185:0 /src/${MODULE}/target/quarkus-app/quarkus/ /app/quarkus/
USER 185
EXPOSE 8080 8081 8082 8083
CMD ["sh", "-c", "exec java $JAVA_OPTS_APPEND -jar /app/quarkus-run.jar"]
