# The rack worker image: built with Maven, run on a JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY workflows/pom.xml workflows/
COPY activities/pom.xml activities/
COPY worker/pom.xml worker/
COPY starter/pom.xml starter/
# Dependencies first so source edits reuse this layer.
RUN mvn -B -q -DskipTests dependency:go-offline || true
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/rack --create-home rack
COPY --from=build /src/starter/target/rack.jar /opt/rack/rack.jar
USER rack
WORKDIR /var/lib/rack
# Same JVM settings as ./rack (small, self-shrinking heap; see bench/run); JAVA_TOOL_OPTIONS adds to them.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms32m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-jar", "/opt/rack/rack.jar"]
CMD ["worker", "--config", "/etc/rack/rack.yaml"]
