# docker build -t teleconsultation-service-backend:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY openapi.yaml ./
COPY conf conf
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /app app
WORKDIR /app
COPY --from=build /src/target/teleconsultation-service-backend.jar ./
COPY --from=build /src/conf ./conf
USER 10001:10001
EXPOSE 3000 5701
# The heap follows the container's memory limit; the rest is left to metaspace, threads and Netty buffers.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-Djava.io.tmpdir=/tmp", "-jar", "/app/teleconsultation-service-backend.jar"]
