package io.github.servermanager.actuate;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code servermanager} health contributor of a running application whose scheduler
 * rebalances every few hundred milliseconds, so that the health follows backends that
 * stop and return ('steady' is held still, so that its active server can be compared).
 * The readiness group includes the contributor as the README shows; the liveness group
 * keeps Spring Boot's default. An offline service reports OFFLINE, which fails neither.
 */
class ServerManagerHealthIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Map<String, Backends> backends = new LinkedHashMap<>();

	private static ObservedApplication app;

	private static Backend restarted;

	@BeforeAll
	static void start() throws IOException {
		backends.put("steady", Backends.start(2));
		backends.put("flappy", Backends.start(2));
		backends.put("dead", Backends.start(1));
		backends.get("dead").close();
		app = ObservedApplication.start(backends, "server-manager.min-reuse=200ms", "server-manager.ping-timeout=300ms",
				"management.endpoint.health.show-details=always",
				"management.endpoint.health.group.readiness.include=readinessState,servermanager",
				"server-manager.services.steady.min-reuse=10m");
		app.whoami("steady");
		app.whoami("flappy");
		app.failingWhoami("dead");
	}

	@AfterEach
	void stopRestarted() {
		if (restarted != null) {
			restarted.close();
		}
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		backends.values().forEach(Backends::close);
	}

	@Test
	void serviceWhoseServersAnswerIsUpWithItsActiveServer() {
		ObservedApplication.Answer answer = app.get("/actuator/health/servermanager/steady");
		assertThat(answer.status()).isEqualTo(200);
		JsonNode health = answer.json();
		assertThat(health.at("/status").asString()).isEqualTo("UP");
		assertThat(health.at("/details/active").asString()).isEqualTo(app.whoami("steady"));
		assertThat(health.at("/details/numServers").asInt()).isEqualTo(2);
	}

	@Test
	void serviceGoesOfflineWhenEveryBackendStopsAndUpWhenOneReturns() throws IOException {
		Backends flappy = backends.get("flappy");
		assertThat(app.get("/actuator/health/servermanager/flappy").status()).isEqualTo(200);
		int port = flappy.named("s2").port();
		flappy.close();
		await().atMost(WAIT).untilAsserted(() -> {
			ObservedApplication.Answer answer = app.get("/actuator/health/servermanager/flappy");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json().at("/status").asString()).isEqualTo("OFFLINE");
			assertThat(answer.json().at("/details/offline").asBoolean()).isTrue();
		});
		restarted = Backend.start("s2", port);
		await().atMost(WAIT).untilAsserted(() -> {
			ObservedApplication.Answer answer = app.get("/actuator/health/servermanager/flappy");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json().at("/status").asString()).isEqualTo("UP");
			assertThat(answer.json().at("/details/active").asString()).isEqualTo("s2");
		});
	}

	@Test
	void livenessStaysUpWhileAServiceIsDown() {
		awaitDead();
		ObservedApplication.Answer liveness = app.get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.json().at("/components").has("servermanager")).isFalse();
	}

	@Test
	void readinessIncludingTheContributorStaysUpAndShowsTheOfflineService() {
		awaitDead();
		ObservedApplication.Answer readiness = app.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().at("/status").asString()).isEqualTo("UP");
		assertThat(readiness.json().at("/components/servermanager/components/dead/status").asString())
			.isEqualTo("OFFLINE");
	}

	private static void awaitDead() {
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(app.get("/actuator/health/servermanager/dead").json().at("/status").asString())
						.isEqualTo("OFFLINE"));
	}

}
