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
 * A service this application calls is entirely down (every instance's port closed): this
 * application's own health stays UP, root, liveness and readiness, and the outage shows
 * as a detail of the {@code servermanager} component. Only
 * {@code server-manager.health.fail-when-offline=true} lets it fail the health.
 */
class DownstreamOutageHealthIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static Backends dead;

	private static ObservedApplication withDefaults;

	private static ObservedApplication failWhenOffline;

	@BeforeAll
	static void start() throws IOException {
		dead = Backends.start(2);
		dead.close();
		withDefaults = startOffline();
		failWhenOffline = startOffline("server-manager.health.fail-when-offline=true");
	}

	@AfterAll
	static void stop() {
		if (withDefaults != null) {
			withDefaults.close();
		}
		if (failWhenOffline != null) {
			failWhenOffline.close();
		}
	}

	@Test
	void rootHealthStaysUpWhileADownstreamServiceIsOffline() {
		ObservedApplication.Answer health = withDefaults.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().at("/status").asString()).isEqualTo("UP");
	}

	@Test
	void offlineServiceShowsInTheComponentWithoutFailingIt() {
		ObservedApplication.Answer component = withDefaults.get("/actuator/health/servermanager");
		assertThat(component.status()).isEqualTo(200);
		JsonNode backend = component.json().at("/components/backend");
		assertThat(backend.at("/status").asString()).isEqualTo("OFFLINE");
		assertThat(backend.at("/details/offline").asBoolean()).isTrue();
		assertThat(backend.at("/details/numServers").asInt()).isEqualTo(2);
		assertThat(withDefaults.get("/actuator/health")
			.json()
			.at("/components/servermanager/components/backend/status")
			.asString()).isEqualTo("OFFLINE");
	}

	@Test
	void livenessAndReadinessStayUp() {
		assertThat(withDefaults.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(withDefaults.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void failWhenOfflineTakesTheHealthDown() {
		ObservedApplication.Answer health = failWhenOffline.get("/actuator/health");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().at("/status").asString()).isEqualTo("DOWN");
		assertThat(health.json().at("/components/servermanager/components/backend/status").asString())
			.isEqualTo("DOWN");
		assertThat(health.json().at("/components/servermanager/components/backend/details/offline").asBoolean())
			.isTrue();
	}

	/**
	 * Starts an application whose only service has every port closed, sends it one
	 * request (which starts the service's load balancer) and rebalances it, so that the
	 * default HTTP ping finds no server.
	 */
	private static ObservedApplication startOffline(String... properties) {
		String[] all = new String[properties.length + 2];
		all[0] = "management.endpoint.health.show-details=always";
		all[1] = "management.endpoint.health.probes.enabled=true";
		System.arraycopy(properties, 0, all, 2, properties.length);
		ObservedApplication app = ObservedApplication.start(Map.of("backend", dead), all);
		app.failingWhoami("backend");
		app.service("backend").rebalanceNow();
		await().atMost(WAIT).until(() -> app.service("backend").manager().isOffline());
		return app;
	}

}
