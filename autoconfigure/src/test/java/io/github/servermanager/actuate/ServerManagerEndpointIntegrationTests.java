package io.github.servermanager.actuate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code servermanager} endpoint of a running application with write access granted
 * and metadata shown, against real backends. Scheduled rebalances are off, so that only
 * the tests move servers; each test uses its own service.
 */
class ServerManagerEndpointIntegrationTests {

	private static final List<String> SERVICES = List.of("listed", "idle", "failover", "rebalanced", "offline",
			"rotated", "metadata", "invalid");

	private static final Map<String, Backends> backends = new LinkedHashMap<>();

	private static ObservedApplication app;

	@BeforeAll
	static void start() throws IOException {
		for (String serviceId : SERVICES) {
			backends.put(serviceId, Backends.start(3));
		}
		app = ObservedApplication.start(backends, "management.endpoint.servermanager.access=unrestricted",
				"server-manager.endpoint.show-metadata=always", "server-manager.scheduling.enabled=false",
				"spring.cloud.discovery.client.simple.instances.metadata[0].metadata.zone=eu-west-1a");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		backends.values().forEach(Backends::close);
	}

	@Test
	void listsEveryStartedServiceWithItsServersInOrderAndTheFrontOneActive() {
		String served = app.whoami("listed");
		// cluster-size auto counts every instance in discovery: 8 services of 3 backends.
		await().atMost(Duration.ofSeconds(10)).until(() -> app.service("listed").clusterSize() == 24);
		JsonNode all = app.get("/actuator/servermanager").json();
		assertThat(all.at("/services").has("idle")).as("a service never called has no manager yet").isFalse();
		JsonNode listed = all.at("/services/listed");
		assertThat(listed.at("/serviceId").asString()).isEqualTo("listed");
		assertThat(listed.at("/numServers").asInt()).isEqualTo(3);
		assertThat(listed.at("/offline").asBoolean()).isFalse();
		assertThat(listed.at("/clusterSize").asInt()).isEqualTo(24);
		assertThat(listed.at("/failovers").asLong()).isZero();
		assertThat(listed.has("lastRebalance")).isFalse();
		assertThat(listed.has("lastFailure")).isFalse();
		assertThat(Instant.parse(listed.at("/nextRebalanceAt").asString())).isAfter(Instant.now().minusSeconds(1));
		assertThat(Duration.parse(listed.at("/rebalanceInterval").asString())).isPositive();
		JsonNode servers = listed.at("/servers");
		assertThat(servers.size()).isEqualTo(3);
		assertThat(servers.get(0).at("/instanceId").asString()).isEqualTo(served);
		assertThat(activeFlags(servers)).containsExactly(true, false, false);
		// This client is not among its application's instances in discovery: one front.
		assertThat(listed.at("/aperture/servers").size()).isOne();
		assertThat(listed.at("/aperture/servers/0/server").asString()).isEqualTo(served);
		assertThat(listed.at("/aperture/servers/0/share").asDouble()).isEqualTo(1.0);
		assertThat(listed.at("/aperture").has("slice")).isFalse();
		for (JsonNode server : servers) {
			Backend backend = backends.get("listed").named(server.at("/instanceId").asString());
			assertThat(server.at("/host").asString()).isEqualTo("127.0.0.1");
			assertThat(server.at("/port").asInt()).isEqualTo(backend.port());
			assertThat(server.at("/secure").asBoolean()).isFalse();
		}
	}

	@Test
	void failoverMovesTheActiveServerToTheEndAndRecordsTheFailure() {
		Backend front = backends.get("failover").named(app.whoami("failover"));
		JsonNode before = app.get("/actuator/servermanager/failover").json();
		assertThat(before.at("/servers/0/instanceId").asString()).isEqualTo(front.name());
		assertThat(before.at("/failovers").asLong()).isZero();
		front.stop();
		String next = app.whoami("failover");
		JsonNode after = app.get("/actuator/servermanager/failover").json();
		assertThat(next).isEqualTo(before.at("/servers/1/instanceId").asString());
		assertThat(instanceIds(after.at("/servers"))).containsExactly(next,
				before.at("/servers/2/instanceId").asString(), front.name());
		assertThat(activeFlags(after.at("/servers"))).containsExactly(true, false, false);
		assertThat(after.at("/failovers").asLong()).isOne();
		JsonNode failure = after.at("/lastFailure");
		assertThat(failure.at("/server").asString()).isEqualTo(front.name());
		assertThat(failure.at("/reason").asString()).isEqualTo("exception");
		assertThat(failure.at("/detail").asString()).endsWith("Exception");
		assertThat(Instant.parse(failure.at("/at").asString())).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void forcedRebalanceAnswersWithTheNewStateThatTheBalancerFollows() {
		app.whoami("rebalanced");
		ObservedApplication.Answer answer = app.post("/actuator/servermanager/rebalanced",
				"{\"operation\":\"rebalance\"}");
		assertThat(answer.status()).isEqualTo(200);
		JsonNode state = answer.json();
		JsonNode rebalance = state.at("/lastRebalance");
		assertThat(rebalance.at("/outcome").asString()).isEqualTo("healthy");
		assertThat(rebalance.at("/pings").asInt()).isOne();
		assertThat(rebalance.at("/server").asString()).isEqualTo(state.at("/servers/0/instanceId").asString());
		assertThat(Instant.parse(rebalance.at("/at").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(app.get("/actuator/servermanager/rebalanced").json().at("/servers")).isEqualTo(state.at("/servers"));
		assertThat(app.whoami("rebalanced")).isEqualTo(rebalance.at("/server").asString());
	}

	@Test
	void rebalanceWithNoHealthyServerReportsOfflineRatherThanAnError() {
		app.whoami("offline");
		backends.get("offline").all().forEach((backend) -> backend.healthy(false));
		ObservedApplication.Answer answer = app.post("/actuator/servermanager/offline",
				"{\"operation\":\"rebalance\"}");
		assertThat(answer.status()).isEqualTo(200);
		JsonNode state = answer.json();
		assertThat(state.at("/offline").asBoolean()).isTrue();
		assertThat(state.at("/numServers").asInt()).isEqualTo(3);
		assertThat(state.at("/lastRebalance/outcome").asString()).isEqualTo("offline");
		assertThat(state.at("/lastRebalance/pings").asInt()).isEqualTo(3);
		assertThat(state.at("/lastRebalance").has("server")).isFalse();
		assertThat(app.get("/actuator/servermanager").status()).isEqualTo(200);
	}

	@Test
	void serviceWithoutServersIsDescribedAndOperatedWithoutAnError() {
		app.failingWhoami("ghost");
		ObservedApplication.Answer described = app.get("/actuator/servermanager/ghost");
		assertThat(described.status()).isEqualTo(200);
		assertThat(described.json().at("/numServers").asInt()).isZero();
		assertThat(described.json().at("/offline").asBoolean()).isTrue();
		assertThat(described.json().at("/servers").size()).isZero();
		assertThat(app.post("/actuator/servermanager/ghost", "{\"operation\":\"rotate\"}").status()).isEqualTo(200);
		ObservedApplication.Answer rebalanced = app.post("/actuator/servermanager/ghost",
				"{\"operation\":\"rebalance\"}");
		assertThat(rebalanced.status()).isEqualTo(200);
		assertThat(rebalanced.json().at("/lastRebalance/outcome").asString()).isEqualTo("offline");
		assertThat(rebalanced.json().at("/lastRebalance/pings").asInt()).isZero();
	}

	@Test
	void rotateMovesTheFrontServerToTheEndWithoutCountingAFailover() {
		app.whoami("rotated");
		JsonNode before = app.get("/actuator/servermanager/rotated").json();
		ObservedApplication.Answer answer = app.post("/actuator/servermanager/rotated", "{\"operation\":\"rotate\"}");
		assertThat(answer.status()).isEqualTo(200);
		List<String> order = instanceIds(before.at("/servers"));
		assertThat(instanceIds(answer.json().at("/servers"))).containsExactly(order.get(1), order.get(2), order.get(0));
		assertThat(answer.json().at("/failovers").asLong()).isZero();
		assertThat(app.whoami("rotated")).isEqualTo(order.get(1));
	}

	@Test
	void metadataIsShownWhenShowMetadataIsAlways() {
		app.whoami("metadata");
		JsonNode servers = app.get("/actuator/servermanager/metadata").json().at("/servers");
		for (JsonNode server : servers) {
			assertThat(server.has("metadata")).isTrue();
			if (server.at("/instanceId").asString().equals("s1")) {
				assertThat(server.at("/metadata/zone").asString()).isEqualTo("eu-west-1a");
			}
		}
	}

	@Test
	void unknownServiceAnswers404ToReadsAndWrites() {
		assertThat(app.get("/actuator/servermanager/unknown").status()).isEqualTo(404);
		assertThat(app.post("/actuator/servermanager/unknown", "{\"operation\":\"rebalance\"}").status())
			.isEqualTo(404);
	}

	@Test
	void unknownOperationAnswers400WithTheValidOperations() {
		app.whoami("invalid");
		ObservedApplication.Answer answer = app.post("/actuator/servermanager/invalid", "{\"operation\":\"restart\"}");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().at("/error").asString()).contains("'restart'");
		assertThat(answer.json().at("/validOperations").values()).extracting(JsonNode::asString)
			.containsExactly("rebalance", "rotate");
	}

	@Test
	void missingOperationAnswers400WithTheValidOperations() {
		app.whoami("invalid");
		ObservedApplication.Answer answer = app.post("/actuator/servermanager/invalid", "{}");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().at("/validOperations").size()).isEqualTo(2);
	}

	private static List<String> instanceIds(JsonNode servers) {
		List<String> ids = new ArrayList<>();
		servers.forEach((server) -> ids.add(server.at("/instanceId").asString()));
		return ids;
	}

	private static List<Boolean> activeFlags(JsonNode servers) {
		List<Boolean> flags = new ArrayList<>();
		servers.forEach((server) -> flags.add(server.at("/active").asBoolean()));
		return flags;
	}

}
