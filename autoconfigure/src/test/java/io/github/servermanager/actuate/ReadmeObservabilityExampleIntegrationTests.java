package io.github.servermanager.actuate;

import java.util.Map;

import io.github.servermanager.testsupport.Backends;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability configuration shown in the README ({@code readme-observability.yml})
 * starts and does what the README says.
 */
class ReadmeObservabilityExampleIntegrationTests {

	@Test
	void readmeExampleExposesTheEndpointGrantsWritesAndAddsTheContributorToReadiness() throws Exception {
		try (Backends backends = Backends.start(2);
				ObservedApplication app = ObservedApplication.start(Map.of("backend", backends),
						"spring.config.import=classpath:readme-observability.yml",
						// Undo the test application's own exposure: the file must expose.
						"management.endpoints.web.exposure.include=none",
						"spring.cloud.discovery.client.simple.instances.backend[0].metadata.zone=eu-west-1a")) {
			String front = app.whoami("backend");
			JsonNode servers = app.get("/actuator/servermanager").json().at("/services/backend/servers");
			assertThat(servers.get(0).at("/instanceId").asString()).isEqualTo(front);
			assertThat(servers.get(0).has("metadata")).as("metadata hidden from anonymous users").isFalse();
			ObservedApplication.Answer rotated = app.post("/actuator/servermanager/backend",
					"{\"operation\":\"rotate\"}");
			assertThat(rotated.status()).isEqualTo(200);
			assertThat(rotated.json().at("/servers/0/instanceId").asString()).isNotEqualTo(front);
			JsonNode readiness = app.get("/actuator/health/readiness").json();
			assertThat(readiness.at("/components/servermanager/components/backend/status").asString()).isEqualTo("UP");
			assertThat(app.get("/actuator/health/liveness").json().at("/components").has("servermanager")).isFalse();
		}
	}

}
