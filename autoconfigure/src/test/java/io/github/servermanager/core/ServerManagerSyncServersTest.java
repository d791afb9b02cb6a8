package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ServerManagerSyncServersTest {

	private final TestServer a = named("a");

	private final TestServer b = named("b");

	private final TestServer c = named("c");

	private final TestServer d = named("d");

	private final List<List<TestServer>> membershipChanges = new ArrayList<>();

	private final ServerManager<TestServer> manager = TestServer
		.managerWith(TestServer.builder().random(ScriptedRandom.unused()).listener(new ServerManagerListener<>() {

			@Override
			public void membershipChanged(List<TestServer> servers, TestServer previousFront) {
				ServerManagerSyncServersTest.this.membershipChanges.add(servers);
			}

		}), List.of(this.a, this.b, this.c));

	@Test
	void syncServersAppendsNewServersAtTheEnd() {
		this.manager.syncServers(List.of(this.d, this.c, this.b, this.a));
		assertThat(this.manager.servers()).containsExactly(this.a, this.b, this.c, this.d);
	}

	@Test
	void syncServersUpdatesKnownServersInPlace() {
		TestServer newB = this.b.withVersion(2);
		this.manager.syncServers(List.of(this.a, newB, this.c));
		assertThat(this.manager.servers()).containsExactly(this.a, newB, this.c);
		assertThat(this.manager.servers().get(1)).isSameAs(newB);
	}

	@Test
	void syncServersRemovesServersNoLongerListed() {
		this.manager.syncServers(List.of(this.c, this.a));
		assertThat(this.manager.servers()).containsExactly(this.a, this.c);
	}

	@Test
	void syncServersWithNoMembershipRemovesEveryServer() {
		this.manager.syncServers(List.of());
		assertThat(this.manager.servers()).isEmpty();
	}

	@Test
	void syncServersNeverMovesTheFront() {
		this.manager.notifyFailedServer(this.a);
		assertThat(this.manager.findServer()).isSameAs(this.b);
		this.manager.syncServers(List.of(this.d, this.c, this.a, this.b.withVersion(2)));
		assertThat(this.manager.servers()).containsExactly(this.b.withVersion(2), this.c, this.a, this.d);
	}

	@Test
	void syncServersMovesTheFrontOnlyWhenItLeft() {
		this.manager.syncServers(List.of(this.c, this.b));
		assertThat(this.manager.findServer()).isSameAs(this.b);
	}

	@Test
	void syncServersKeepsTheLastOfRepeatedKeys() {
		TestServer lastA = this.a.withVersion(3);
		this.manager.syncServers(List.of(this.a.withVersion(2), this.b, this.c, lastA));
		assertThat(this.manager.servers()).containsExactly(lastA, this.b, this.c);
	}

	@Test
	void syncServersWithTheSameMembershipPublishesNothing() {
		List<TestServer> before = this.manager.servers();
		this.membershipChanges.clear();
		this.manager.syncServers(List.of(this.c, this.b, this.a));
		assertThat(this.manager.servers()).isSameAs(before);
		assertThat(this.membershipChanges).isEmpty();
	}

	@Test
	void syncServersRejectsANullServerAndChangesNothing() {
		List<TestServer> before = this.manager.servers();
		this.membershipChanges.clear();
		assertThatNullPointerException().isThrownBy(() -> this.manager.syncServers(Arrays.asList(this.d, null)))
			.withMessageContaining("membership");
		assertThat(this.manager.servers()).isSameAs(before);
		assertThat(this.membershipChanges).isEmpty();
	}

	@Test
	void syncServersRejectsAServerWithoutAKeyAndChangesNothing() {
		ServerManager<TestServer> manager = TestServer.managerWith(
				ServerManager.builder((server) -> server.name().isEmpty() ? null : server.name()), List.of(this.a));
		List<TestServer> before = manager.servers();
		assertThatIllegalArgumentException().isThrownBy(() -> manager.syncServers(List.of(this.b, named(""))))
			.withMessageContaining("key");
		assertThat(manager.servers()).isSameAs(before);
	}

	@Test
	void syncServersRejectsNullMembership() {
		assertThatNullPointerException().isThrownBy(() -> this.manager.syncServers(null))
			.withMessageContaining("membership");
	}

	@Test
	void syncServersNeverChangesAListReturnedBefore() {
		List<TestServer> snapshot = this.manager.servers();
		this.manager.syncServers(List.of(this.b.withVersion(2), this.d));
		assertThat(snapshot).containsExactly(this.a, this.b, this.c);
		assertThat(snapshot.get(1)).isSameAs(this.b);
	}

	@Test
	void syncServersIntoAnEmptyManagerShufflesTheInitialOrder() {
		ScriptedRandom random = ScriptedRandom.returning(0, 2, 0);
		ServerManager<TestServer> empty = TestServer.builder().random(random).build();
		empty.syncServers(List.of(this.a, this.b, this.c, this.d));
		assertThat(empty.servers()).containsExactly(this.b, this.d, this.c, this.a);
		assertThat(random.bounds()).containsExactly(4L, 3L, 2L);
	}

	@Test
	void syncServersIntoEmptyManagersSpreadsTheirFrontsEvenly() {
		List<TestServer> membership = List.of(this.a, this.b, this.c, this.d);
		Map<TestServer, Integer> fronts = new HashMap<>();
		for (int seed = 0; seed < 1000; seed++) {
			ServerManager<TestServer> client = TestServer.builder().random(TestServer.seeded(seed)).build();
			client.syncServers(membership);
			fronts.merge(client.findServer(), 1, Integer::sum);
		}
		// 250 each is expected; the band is over 3.5 standard deviations wide on each
		// side.
		assertThat(fronts).containsOnlyKeys(membership);
		assertThat(fronts.values()).allSatisfy((count) -> assertThat(count).isBetween(200, 300));
	}

	@Test
	void syncServersIntoAnEmptyManagerClearsTheOfflineFlag() {
		ServerManager<TestServer> empty = TestServer.builder().random(TestServer.seeded(1)).build();
		empty.syncServers(List.of(this.a));
		assertThat(empty.isOffline()).isFalse();
	}

	@Test
	void syncServersWithANewServerClearsTheOfflineFlag() {
		ServerManager<TestServer> failing = TestServer
			.managerWith(TestServer.builder().random(TestServer.seeded(1)).pinger((server) -> false), List.of(this.a));
		failing.rebalance();
		failing.syncServers(List.of(this.a, this.b));
		assertThat(failing.isOffline()).isFalse();
	}

	@Test
	void syncServersWithOnlyKnownServersKeepsTheOfflineFlag() {
		// Discovery refreshes the same membership every few seconds; that must not hide
		// that none of it answered at the last rebalance.
		ServerManager<TestServer> failing = TestServer
			.managerWith(TestServer.builder().random(TestServer.seeded(1)).pinger((server) -> false), List.of(this.a));
		failing.rebalance();
		failing.syncServers(List.of(this.a.withVersion(2)));
		assertThat(failing.isOffline()).isTrue();
	}

	@Test
	void syncServersShufflesTheServersAppendedWhenTheFrontLeft() {
		// Fisher-Yates over the appended [d, e, f] with draws 0, 0: f e d, then e f d.
		ScriptedRandom random = ScriptedRandom.returning(0, 0);
		ServerManager<TestServer> client = TestServer.managerWith(TestServer.builder().random(random),
				List.of(this.a, this.b, this.c));
		TestServer e = named("e");
		TestServer f = named("f");
		client.syncServers(List.of(this.b, this.d, e, f));
		assertThat(client.servers()).containsExactly(this.b, e, f, this.d);
		assertThat(random.bounds()).containsExactly(3L, 2L);
	}

	@Test
	void syncServersKeepsDiscoveryOrderOfTheServersAppendedWhileTheFrontStays() {
		TestServer e = named("e");
		this.manager.syncServers(List.of(this.a, this.b, this.c, this.d, e));
		assertThat(this.manager.servers()).containsExactly(this.a, this.b, this.c, this.d, e);
	}

	@Test
	void syncServersThatReplacesEveryServerSpreadsTheNewFronts() {
		// A blue/green switch: every client moves from four old servers to eight new ones
		// in one refresh. 25 clients per new server are expected; the band is over four
		// standard deviations wide on each side. In discovery's order all 200 would pick
		// the same one.
		List<TestServer> blue = List.of(this.a, this.b, this.c, this.d);
		List<TestServer> green = TestServer.named("g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8");
		Map<TestServer, Integer> fronts = new HashMap<>();
		for (int seed = 0; seed < 200; seed++) {
			ServerManager<TestServer> client = TestServer.builder().random(TestServer.seeded(seed)).build();
			client.syncServers(blue);
			client.syncServers(green);
			fronts.merge(client.findServer(), 1, Integer::sum);
		}
		assertThat(fronts).containsOnlyKeys(green);
		assertThat(fronts.values()).allSatisfy((count) -> assertThat(count).isBetween(5, 45));
	}

}
