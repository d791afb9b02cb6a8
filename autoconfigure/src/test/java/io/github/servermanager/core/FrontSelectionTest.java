package io.github.servermanager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class FrontSelectionTest {

	private final List<TestServer> abcd = named("a", "b", "c", "d");

	@Test
	void rebalancePingsInTheOrderTheSelectionGives() {
		List<TestServer> pinged = new ArrayList<>();
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder()
			.frontSelection(FrontSelectionTest::reversed)
			.pinger((server) -> pinged.add(server) && !server.name().equals("d")), this.abcd);
		manager.rebalance();
		assertThat(TestServer.names(pinged)).containsExactly("d", "c");
		assertThat(TestServer.names(manager.servers())).containsExactly("c", "b", "a", "d");
	}

	@Test
	void serversTheSelectionLeavesOutStayBehindTheOnesItReturned() {
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().frontSelection((servers) -> List.of(servers.get(2))), this.abcd);
		manager.rebalance();
		assertThat(TestServer.names(manager.servers())).containsExactly("c", "a", "b", "d");
	}

	@Test
	void aFirstMembershipTakesTheSelectionsOrderKeepingServersItLeavesOut() {
		ServerManager<TestServer> manager = TestServer.builder()
			.frontSelection((servers) -> List.of(servers.get(3), servers.get(1), servers.get(3)))
			.build();
		manager.syncServers(this.abcd);
		assertThat(TestServer.names(manager.servers())).containsExactly("d", "b", "a", "c");
	}

	@Test
	void theDefaultSelectionIsTheSeedsShuffleFromTheInjectedGenerator() {
		List<TestServer> expected = TestServer.fisherYates(this.abcd, TestServer.seeded(7));
		List<TestServer> ordered = FrontSelection.<TestServer>random(TestServer.seeded(7)).order(this.abcd);
		assertThat(ordered).isEqualTo(expected);
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder().random(TestServer.seeded(7)),
				this.abcd);
		manager.rebalance();
		assertThat(manager.servers()).isEqualTo(expected);
	}

	@Test
	void theScheduleWaitsForTheDelayTheSelectionAsksFor() {
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().frontSelection(new FrontSelection<>() {

				@Override
				public List<TestServer> order(List<TestServer> servers) {
					return servers;
				}

				@Override
				public Duration rebalanceDelay(Duration drawn, Duration baseInterval, int servers) {
					return baseInterval.plusSeconds(servers);
				}

			}), this.abcd);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, 0);
		assertThat(schedule.interval()).isEqualTo(Duration.ofSeconds(124));
		assertThat(schedule.rebalanced(1_000)).isEqualTo(Duration.ofSeconds(124));
		assertThat(schedule.deadlineNanos()).isEqualTo(1_000 + Duration.ofSeconds(124).toNanos());
	}

	@Test
	void aNullSelectionIsRefusedByName() {
		assertThatNullPointerException().isThrownBy(() -> TestServer.builder().frontSelection(null))
			.withMessageContaining("frontSelection");
	}

	private static List<TestServer> reversed(List<TestServer> servers) {
		List<TestServer> copy = new ArrayList<>(servers);
		Collections.reverse(copy);
		return copy;
	}

}
