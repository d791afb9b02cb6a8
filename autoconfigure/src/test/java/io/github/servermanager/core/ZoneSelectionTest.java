package io.github.servermanager.core;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ZoneSelectionTest {

	private static final Map<String, String> ZONES = Map.of("a1", "zone-a", "a2", "ZONE-A", "b1", "zone-b", "b2",
			"zone-b", "c1", "zone-c");

	private final List<TestServer> servers = TestServer.named("c1", "b1", "x1", "a1", "b2", "a2");

	@Test
	void theLocalZoneComesFirstThenTheFailoverZonesInOrderThenTheRest() {
		ZoneSelection<TestServer> selection = selection("zone-a", List.of("zone-c", "zone-b"));
		assertThat(TestServer.names(selection.order(this.servers))).containsExactly("a1", "a2", "c1", "b1", "b2", "x1");
	}

	@Test
	void zonesNotInTheFailoverOrderFollowInTheOrderTheyWereListed() {
		ZoneSelection<TestServer> selection = selection("zone-b", List.of());
		assertThat(TestServer.names(selection.order(this.servers))).containsExactly("b1", "b2", "c1", "x1", "a1", "a2");
	}

	@Test
	void eachZoneIsOrderedByTheSelectionWithinIt() {
		ZoneSelection<TestServer> selection = new ZoneSelection<>((server) -> ZONES.get(server.name()), "zone-a",
				List.of("zone-b"),
				(servers) -> servers.stream().sorted((x, y) -> y.name().compareTo(x.name())).toList());
		assertThat(TestServer.names(selection.order(this.servers))).containsExactly("a2", "a1", "b2", "b1", "x1", "c1");
	}

	@Test
	void aSeededShuffleWithinTheLocalZoneNeverPutsAnotherZoneFirst() {
		ZoneSelection<TestServer> selection = new ZoneSelection<>((server) -> ZONES.get(server.name()), "zone-b",
				List.of(), FrontSelection.random(TestServer.seeded(11)));
		for (int i = 0; i < 50; i++) {
			List<TestServer> ordered = selection.order(this.servers);
			assertThat(TestServer.names(ordered.subList(0, 2))).containsExactlyInAnyOrder("b1", "b2");
		}
	}

	@Test
	void theSelectionWithinZonesIsTheOneItWasGiven() {
		FrontSelection<TestServer> withinZone = FrontSelection.random(TestServer.seeded(5));
		ZoneSelection<TestServer> selection = new ZoneSelection<>((server) -> ZONES.get(server.name()), "zone-a",
				List.of(), withinZone);
		assertThat(selection.withinZone()).isSameAs(withinZone);
	}

	@Test
	void zonesCompareWithoutCase() {
		ZoneSelection<TestServer> selection = selection(" Zone-A ", List.of());
		assertThat(selection.localZone()).isEqualTo("zone-a");
		assertThat(selection.isLocal(TestServer.named("a2"))).isTrue();
		assertThat(selection.isLocal(TestServer.named("b1"))).isFalse();
		assertThat(selection.zoneOf(TestServer.named("x1"))).isNull();
	}

	@Test
	void failuresMoveTheFrontWithinTheZoneBeforeCrossingAndARebalanceComesBack() {
		Set<String> down = new HashSet<>();
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder()
			.frontSelection(selection("zone-a", List.of("zone-b")))
			.pinger((server) -> !down.contains(server.name())), this.servers);
		manager.rebalance();
		assertThat(manager.findServer().name()).isEqualTo("a1");
		manager.notifyFailedServer(manager.findServer());
		assertThat(manager.findServer().name()).isEqualTo("a2");
		manager.notifyFailedServer(manager.findServer());
		assertThat(manager.findServer().name()).isEqualTo("b1");
		down.addAll(List.of("a1"));
		manager.rebalance();
		assertThat(manager.findServer().name()).isEqualTo("a2");
	}

	private ZoneSelection<TestServer> selection(String localZone, List<String> failoverOrder) {
		return new ZoneSelection<>((server) -> ZONES.get(server.name()), localZone, failoverOrder,
				(servers) -> servers);
	}

}
