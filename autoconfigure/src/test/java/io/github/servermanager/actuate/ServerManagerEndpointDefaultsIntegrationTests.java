package io.github.servermanager.actuate;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.github.servermanager.testsupport.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code servermanager} endpoint of a running application that only exposes it:
 * read-only, and instance metadata hidden. Service 'eager' is loaded at start-up and
 * never called.
 */
class ServerManagerEndpointDefaultsIntegrationTests {

	private static Backends backends;

	private static Backends eager;

	private static ObservedApplication app;

	@BeforeAll
	static void start() throws IOException {
		backends = Backends.start(2);
		eager = Backends.start(2);
		app = ObservedApplication.start(Map.of("backend", backends, "eager", eager),
				"server-manager.scheduling.enabled=false", "spring.cloud.loadbalancer.eager-load.clients=eager",
				"spring.cloud.discovery.client.simple.instances.backend[0].metadata.zone=eu-west-1a",
				"spring.cloud.discovery.client.simple.instances.backend[1].metadata.zone=eu-west-1b");
		app.whoami("backend");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		backends.close();
		eager.close();
	}

	@Test
	void writeIsRefusedUntilAccessIsGranted() {
		String front = app.get("/actuator/servermanager/backend").json().at("/servers/0/instanceId").asString();
		ObservedApplication.Answer answer = app.post("/actuator/servermanager/backend", "{\"operation\":\"rotate\"}");
		assertThat(answer.status()).isEqualTo(405);
		assertThat(app.get("/actuator/servermanager/backend").json().at("/servers/0/instanceId").asString())
			.isEqualTo(front);
	}

	@Test
	void eagerlyLoadedServiceIsListedBeforeItsFirstRequest() {
		assertThat(app.get("/actuator/servermanager/eager").status()).isEqualTo(200);
		// Membership is pulled off the start-up thread.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(app.get("/actuator/servermanager/eager").json().at("/numServers").asInt())
				.isEqualTo(2));
		assertThat(eager.all()).allSatisfy((backend) -> assertThat(backend.requests()).isZero());
	}

	@Test
	void metadataIsHiddenByDefault() {
		JsonNode servers = app.get("/actuator/servermanager").json().at("/services/backend/servers");
		assertThat(servers.size()).isEqualTo(2);
		servers.forEach((server) -> assertThat(server.has("metadata")).isFalse());
	}

}
