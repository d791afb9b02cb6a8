package io.github.servermanager.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;

class ServerManagerRebalanceTest {

	private final TestServer a = named("a");

	private final TestServer b = named("b");

	private final TestServer c = named("c");

	private final TestServer d = named("d");

	private final List<TestServer> abcd = List.of(this.a, this.b, this.c, this.d);

	private final List<TestServer> pinged = new ArrayList<>();

	/**
	 * Fisher-Yates over [a, b, c, d] with these draws: i=3 swaps with 0 (d b c a), i=2
	 * stays (d b c a), i=1 swaps with 0 (b d c a).
	 */
	private static final long[] SHUFFLE_TO_BDCA = { 0, 2, 0 };

	private final List<TestServer> bdca = List.of(this.b, this.d, this.c, this.a);

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void rebalanceShufflesFisherYatesFromTheEnd() {
		ScriptedRandom random = ScriptedRandom.returning(SHUFFLE_TO_BDCA);
		ServerManager<TestServer> manager = managerWith(random, Set.of());
		manager.rebalance();
		assertThat(manager.servers()).isEqualTo(this.bdca);
		assertThat(random.bounds()).containsExactly(4L, 3L, 2L);
	}

	@Test
	void rebalanceWithASeededGeneratorPublishesTheOrderTheSeedGives() {
		List<TestServer> servers = TestServer.named("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");
		List<TestServer> expected = TestServer.fisherYates(servers, TestServer.seeded(42));
		assertThat(expected).as("the seed must move something").isNotEqualTo(servers);
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder().random(TestServer.seeded(42)),
				servers);
		manager.rebalance();
		assertThat(manager.servers()).isEqualTo(expected);
	}

	@Test
	void rebalancePingsFromTheFrontUntilAServerAnswers() {
		ServerManager<TestServer> manager = managerWith(ScriptedRandom.returning(SHUFFLE_TO_BDCA), Set.of(this.b));
		manager.rebalance();
		assertThat(this.pinged).containsExactly(this.b, this.d);
		assertThat(manager.findServer()).isSameAs(this.d);
	}

	@Test
	void rebalanceKeepsFailedServersCycledToTheEnd() {
		// Consul issue 3463: publishing the shuffle instead of the cycled copy would put
		// a
		// server that just failed its ping in front.
		ServerManager<TestServer> manager = managerWith(ScriptedRandom.returning(SHUFFLE_TO_BDCA),
				Set.of(this.b, this.d));
		manager.rebalance();
		assertThat(manager.servers()).containsExactly(this.c, this.a, this.b, this.d);
	}

	@Test
	void rebalanceReportsTheChosenServerAndThePingCount() {
		ServerManager<TestServer> manager = managerWith(ScriptedRandom.returning(SHUFFLE_TO_BDCA),
				Set.of(this.b, this.d));
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(result).isEqualTo(new RebalanceResult<>(RebalanceOutcome.HEALTHY, this.c, 3));
	}

	@Test
	void rebalanceCountsAPingerThatThrowsAsFailed() {
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(ScriptedRandom.returning(SHUFFLE_TO_BDCA)).pinger((server) -> {
				if (server.equals(this.b)) {
					throw new IOException("connection refused");
				}
				return true;
			}), this.abcd);
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(manager.servers()).containsExactly(this.d, this.c, this.a, this.b);
		assertThat(result.pings()).isEqualTo(2);
	}

	@Test
	void rebalanceCountsAPingerThatThrowsAnUncheckedExceptionAsFailed() {
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(ScriptedRandom.returning(SHUFFLE_TO_BDCA)).pinger((server) -> {
				if (server.equals(this.b)) {
					throw new IllegalStateException("bug in the pinger");
				}
				return true;
			}), this.abcd);
		manager.rebalance();
		assertThat(manager.servers()).containsExactly(this.d, this.c, this.a, this.b);
	}

	@Test
	void rebalanceWithEveryServerFailingGoesOffline() {
		ServerManager<TestServer> manager = managerWith(ScriptedRandom.returning(SHUFFLE_TO_BDCA),
				Set.copyOf(this.abcd));
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(manager.isOffline()).isTrue();
		assertThat(result).isEqualTo(new RebalanceResult<>(RebalanceOutcome.OFFLINE, null, 4));
	}

	@Test
	void rebalanceWithEveryServerFailingPingsEachOnce() {
		ServerManager<TestServer> manager = managerWith(ScriptedRandom.returning(SHUFFLE_TO_BDCA),
				Set.copyOf(this.abcd));
		manager.rebalance();
		assertThat(this.pinged).isEqualTo(this.bdca);
	}

	@Test
	void rebalanceWithEveryServerFailingKeepsTheOrder() {
		ServerManager<TestServer> manager = managerWith(ScriptedRandom.returning(SHUFFLE_TO_BDCA),
				Set.copyOf(this.abcd));
		List<TestServer> before = manager.servers();
		manager.rebalance();
		assertThat(manager.servers()).isSameAs(before);
	}

	@Test
	void rebalanceOfAnEmptyManagerIsOfflineWithoutPinging() {
		ServerManager<TestServer> manager = TestServer.builder()
			.random(ScriptedRandom.unused())
			.pinger(this::record)
			.build();
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(result).isEqualTo(new RebalanceResult<>(RebalanceOutcome.OFFLINE, null, 0));
		assertThat(this.pinged).isEmpty();
		assertThat(manager.isOffline()).isTrue();
	}

	@Test
	void rebalanceOfASingleServerPingsIt() {
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(ScriptedRandom.unused()).pinger(this::record), List.of(this.a));
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(this.pinged).containsExactly(this.a);
		assertThat(result).isEqualTo(new RebalanceResult<>(RebalanceOutcome.HEALTHY, this.a, 1));
	}

	@Test
	void aNewManagerIsOffline() {
		assertThat(TestServer.builder().build().isOffline()).isTrue();
	}

	@Test
	void aHealthyRebalanceClearsTheOfflineFlag() {
		Set<TestServer> failing = new HashSet<>(this.abcd);
		ServerManager<TestServer> manager = TestServer.managerWith(
				TestServer.builder().random(TestServer.seeded(1)).pinger((server) -> !failing.contains(server)),
				this.abcd);
		manager.rebalance();
		assertThat(manager.isOffline()).isTrue();
		failing.remove(this.c);
		manager.rebalance();
		assertThat(manager.isOffline()).isFalse();
	}

	@Test
	void rebalanceKeepsAServerRemovedDuringThePingsRemoved() {
		AtomicReference<ServerManager<TestServer>> self = new AtomicReference<>();
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(ScriptedRandom.returning(SHUFFLE_TO_BDCA)).pinger((server) -> {
				self.get().removeServer(this.c);
				return true;
			}), this.abcd);
		self.set(manager);
		manager.rebalance();
		assertThat(manager.servers()).containsExactly(this.b, this.d, this.a);
	}

	@Test
	void aServerAddedWhileEveryPingFailsKeepsTheManagerOnline() {
		// The addition clears the offline flag under the lock; the rebalance, which
		// never pinged the new server, must not set it again after its pings.
		TestServer e = named("e");
		AtomicReference<ServerManager<TestServer>> self = new AtomicReference<>();
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(TestServer.seeded(5)).pinger((server) -> {
				if (self.get().numServers() == 4) {
					self.get().addServer(e);
				}
				return false;
			}), this.abcd);
		self.set(manager);
		assertThat(manager.rebalance().outcome()).isEqualTo(RebalanceOutcome.OFFLINE);
		assertThat(manager.isOffline()).isFalse();
		assertThat(manager.servers()).contains(e);
		manager.rebalance();
		assertThat(manager.isOffline()).isTrue();
	}

	@Test
	void aServerSyncedInFromAnotherThreadWhileEveryPingFailsKeepsTheManagerOnline() {
		TestServer e = named("e");
		AtomicReference<ServerManager<TestServer>> self = new AtomicReference<>();
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(TestServer.seeded(5)).pinger((server) -> {
				ServerManager<TestServer> it = self.get();
				if (it.numServers() == 4) {
					List<TestServer> grown = new ArrayList<>(it.servers());
					grown.add(e);
					CompletableFuture.runAsync(() -> it.syncServers(grown)).join();
				}
				return false;
			}), this.abcd);
		self.set(manager);
		manager.rebalance();
		assertThat(manager.isOffline()).isFalse();
	}

	@Test
	void rebalanceAppendsAServerAddedDuringThePings() {
		TestServer e = named("e");
		AtomicReference<ServerManager<TestServer>> self = new AtomicReference<>();
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(ScriptedRandom.returning(SHUFFLE_TO_BDCA)).pinger((server) -> {
				self.get().addServer(e);
				return true;
			}), this.abcd);
		self.set(manager);
		manager.rebalance();
		assertThat(manager.servers()).containsExactly(this.b, this.d, this.c, this.a, e);
	}

	@Test
	void rebalancePublishesDetailsUpdatedDuringThePings() {
		TestServer newC = this.c.withVersion(2);
		AtomicReference<ServerManager<TestServer>> self = new AtomicReference<>();
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(ScriptedRandom.returning(SHUFFLE_TO_BDCA)).pinger((server) -> {
				self.get().addServer(newC);
				return true;
			}), this.abcd);
		self.set(manager);
		manager.rebalance();
		assertThat(manager.servers()).containsExactly(this.b, this.d, newC, this.a);
		assertThat(manager.servers().get(2)).isSameAs(newC);
	}

	@Test
	void rebalanceChangesNothingWhenTheChosenServerIsRemovedDuringItsPing() {
		AtomicReference<ServerManager<TestServer>> self = new AtomicReference<>();
		AtomicReference<List<TestServer>> afterRemoval = new AtomicReference<>();
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(ScriptedRandom.returning(SHUFFLE_TO_BDCA)).pinger((server) -> {
				self.get().removeServer(server);
				afterRemoval.set(self.get().servers());
				return true;
			}), this.abcd);
		self.set(manager);
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(result).isEqualTo(new RebalanceResult<>(RebalanceOutcome.FROZEN, this.b, 1));
		assertThat(manager.servers()).isSameAs(afterRemoval.get()).containsExactly(this.a, this.c, this.d);
	}

	@Test
	void rebalanceNeverChangesAListReturnedBefore() {
		ServerManager<TestServer> manager = managerWith(ScriptedRandom.returning(SHUFFLE_TO_BDCA), Set.of(this.b));
		List<TestServer> snapshot = manager.servers();
		manager.rebalance();
		assertThat(snapshot).isEqualTo(this.abcd);
	}

	@Test
	void rebalanceServersRebalancesLikeRebalance() {
		ServerManager<TestServer> manager = managerWith(ScriptedRandom.returning(SHUFFLE_TO_BDCA), Set.of(this.b));
		manager.rebalanceServers();
		assertThat(manager.servers()).containsExactly(this.d, this.c, this.a, this.b);
	}

	@Test
	void rebalanceStopsPingingAndChangesNothingWhenInterrupted() {
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().random(ScriptedRandom.returning(SHUFFLE_TO_BDCA)).pinger((server) -> {
				this.pinged.add(server);
				throw new InterruptedException();
			}), this.abcd);
		List<TestServer> before = manager.servers();
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag kept").isTrue();
		assertThat(result).isEqualTo(new RebalanceResult<>(RebalanceOutcome.FROZEN, null, 1));
		assertThat(this.pinged).containsExactly(this.b);
		assertThat(manager.servers()).isSameAs(before);
	}

	private ServerManager<TestServer> managerWith(RandomGenerator random, Set<TestServer> failing) {
		return TestServer.managerWith(
				TestServer.builder().random(random).pinger((server) -> record(server) && !failing.contains(server)),
				this.abcd);
	}

	private boolean record(TestServer server) {
		this.pinged.add(server);
		return true;
	}

}
