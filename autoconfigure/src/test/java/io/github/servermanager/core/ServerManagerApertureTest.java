package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A manager whose selection spreads requests over an aperture of several servers.
 */
class ServerManagerApertureTest {

	/** The first three servers of the order share the requests 1:2:1. */
	private static final FrontSelection<TestServer> APERTURE = new FrontSelection<>() {

		@Override
		public List<TestServer> order(List<TestServer> servers) {
			return servers.stream().sorted((x, y) -> x.name().compareTo(y.name())).toList();
		}

		@Override
		public Selection<TestServer> select(List<TestServer> servers) {
			return new Selection<>(order(servers), List.of(1.0, 2.0, 1.0));
		}

	};

	private final ServerManager<TestServer> manager = TestServer.builder().frontSelection(APERTURE).build();

	@Test
	void requestsSpreadOverTheApertureInProportionToTheShares() {
		this.manager.syncServers(named("d", "c", "b", "a", "e"));
		assertThat(TestServer.names(this.manager.aperture().servers())).containsExactly("a", "b", "c");
		assertThat(this.manager.aperture().shares()).containsExactly(0.25, 0.5, 0.25);
		Map<String, Integer> counts = spread(1000);
		assertThat(counts).containsOnlyKeys("a", "b", "c");
		assertThat(counts.get("a")).isCloseTo(250, within(3));
		assertThat(counts.get("b")).isCloseTo(500, within(3));
		assertThat(counts.get("c")).isCloseTo(250, within(3));
	}

	@Test
	void aRequestOrderPutsThePickedServerFirstAndKeepsTheOthers() {
		this.manager.syncServers(named("a", "b", "c", "d"));
		for (int i = 0; i < 20; i++) {
			List<TestServer> order = this.manager.requestOrder();
			assertThat(Set.copyOf(order)).isEqualTo(Set.copyOf(this.manager.servers()));
			assertThat(order).hasSize(4);
			assertThat(this.manager.aperture().servers()).contains(order.get(0));
		}
	}

	@Test
	void aFailedServerLeavesTheApertureAndItsShareIsSplitAmongTheOthers() {
		this.manager.syncServers(named("a", "b", "c", "d", "e"));
		assertThat(this.manager.rotateFailedServer(TestServer.named("b"))).isTrue();
		assertThat(TestServer.names(this.manager.servers())).containsExactly("a", "c", "d", "e", "b");
		assertThat(TestServer.names(this.manager.aperture().servers())).containsExactly("a", "c");
		assertThat(this.manager.aperture().shares()).containsExactly(0.5, 0.5);
		assertThat(this.manager.rotateFailedServer(TestServer.named("d"))).isFalse();
		assertThat(this.manager.rotateFailedServer(TestServer.named("c"))).isTrue();
		assertThat(this.manager.rotateFailedServer(TestServer.named("a"))).isTrue();
		// The aperture emptied: the next server of the list takes every request.
		assertThat(TestServer.names(this.manager.aperture().servers())).containsExactly("d");
		assertThat(spread(10)).containsOnlyKeys("d");
	}

	@Test
	void aFailedServerLeavesAnApertureThatHoldsEveryServer() {
		ServerManager<TestServer> whole = TestServer.builder().frontSelection(new FrontSelection<>() {

			@Override
			public List<TestServer> order(List<TestServer> servers) {
				return servers;
			}

			@Override
			public Selection<TestServer> select(List<TestServer> servers) {
				return new Selection<>(servers, servers.stream().map((server) -> 1.0).toList());
			}

		}).build();
		whole.syncServers(named("a", "b", "c", "d"));
		assertThat(whole.rotateFailedServer(TestServer.named("a"))).isTrue();
		assertThat(TestServer.names(whole.aperture().servers())).containsExactly("b", "c", "d");
		assertThat(whole.aperture().shares()).allSatisfy((share) -> assertThat(share).isCloseTo(1.0 / 3, within(1e-9)));
	}

	@Test
	void aRebalanceSplitsTheShareOfAServerThatDidNotAnswerEquallyAmongTheOthers() {
		ServerManager<TestServer> pinged = TestServer.builder()
			.frontSelection(APERTURE)
			.pinger((server) -> !server.name().equals("c"))
			.build();
		pinged.syncServers(named("a", "b", "c", "d"));
		pinged.rebalance();
		// c's quarter goes to a and b alike, not in proportion to their shares.
		assertThat(TestServer.names(pinged.aperture().servers())).containsExactly("a", "b");
		assertThat(pinged.aperture().shares()).containsExactly(0.375, 0.625);
	}

	@Test
	void aRebalancePingsTheApertureAndLeavesOutTheServersThatDoNotAnswer() {
		ServerManager<TestServer> pinged = TestServer.builder()
			.frontSelection(APERTURE)
			.pinger((server) -> !server.name().equals("b"))
			.build();
		pinged.syncServers(named("a", "b", "c", "d"));
		RebalanceResult<TestServer> result = pinged.rebalance();
		assertThat(result.pings()).isEqualTo(3);
		assertThat(TestServer.names(pinged.servers())).containsExactly("a", "c", "d", "b");
		assertThat(TestServer.names(pinged.aperture().servers())).containsExactly("a", "c");
		assertThat(pinged.aperture().shares()).containsExactly(0.5, 0.5);
	}

	@Test
	void whenNoServerOfTheApertureAnswersTheNextOneThatDoesTakesEveryRequest() {
		ServerManager<TestServer> pinged = TestServer.builder()
			.frontSelection(APERTURE)
			.pinger((server) -> server.name().equals("e"))
			.build();
		pinged.syncServers(named("a", "b", "c", "d", "e"));
		RebalanceResult<TestServer> result = pinged.rebalance();
		assertThat(result.outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(result.pings()).isEqualTo(5);
		assertThat(TestServer.names(pinged.servers())).containsExactly("e", "a", "b", "c", "d");
		assertThat(TestServer.names(pinged.aperture().servers())).containsExactly("e");
	}

	@Test
	void membershipChangesKeepTheApertureOfTheServersThatStay() {
		this.manager.syncServers(named("a", "b", "c", "d"));
		this.manager.syncServers(named("a", "c", "d", "e"));
		assertThat(TestServer.names(this.manager.aperture().servers())).containsExactly("a", "c");
		assertThat(this.manager.aperture().shares()).containsExactly(0.5, 0.5);
		this.manager.addServer(TestServer.named("f"));
		assertThat(TestServer.names(this.manager.aperture().servers())).containsExactly("a", "c");
	}

	@Test
	void theFailoverCheckPingsTheApertureAndMovesTheSilentServersOut() {
		Set<String> down = Set.of("a", "c");
		ServerManager<TestServer> pinged = TestServer.builder()
			.frontSelection(APERTURE)
			.pinger((server) -> !down.contains(server.name()))
			.build();
		pinged.syncServers(named("a", "b", "c", "d"));
		List<String> silent = new ArrayList<>();
		assertThat(pinged.checkFront((server) -> silent.add(server.name()))).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(silent).containsExactly("a", "c");
		assertThat(TestServer.names(pinged.aperture().servers())).containsExactly("b");
	}

	private Map<String, Integer> spread(int requests) {
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < requests; i++) {
			counts.merge(this.manager.findServer().name(), 1, Integer::sum);
		}
		return counts;
	}

}
