package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;

class ServerManagerListenerTest {

	private final TestServer a = named("a");

	private final TestServer b = named("b");

	private final TestServer c = named("c");

	private final RecordingListener listener = new RecordingListener();

	@Test
	void serverRotatedReportsTheFailedServerAndTheNewFront() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder().listener(this.listener),
				List.of(this.a, this.b, this.c));
		this.listener.events.clear();
		manager.notifyFailedServer(this.a.withVersion(2));
		assertThat(this.listener.events).containsExactly("rotated a(1) -> b(1)");
	}

	@Test
	void serverRotatedIsNotReportedForAnIgnoredNotice() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder().listener(this.listener),
				List.of(this.a, this.b, this.c));
		this.listener.events.clear();
		manager.notifyFailedServer(this.b);
		assertThat(this.listener.events).isEmpty();
	}

	@Test
	void rebalancedReportsTheResult() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder()
			.random(ScriptedRandom.returning(1, 0))
			.pinger((server) -> !server.equals(this.c))
			.listener(this.listener), List.of(this.a, this.b, this.c));
		this.listener.events.clear();
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(this.listener.results).containsExactly(result);
		assertThat(result).isEqualTo(new RebalanceResult<>(RebalanceOutcome.HEALTHY, this.a, 2));
	}

	@Test
	void rebalancedReportsAnOfflineRebalance() {
		ServerManager<TestServer> manager = TestServer.managerWith(
				TestServer.builder().random(TestServer.seeded(5)).pinger((server) -> false).listener(this.listener),
				List.of(this.a, this.b));
		manager.rebalance();
		assertThat(this.listener.results).containsExactly(new RebalanceResult<>(RebalanceOutcome.OFFLINE, null, 2));
	}

	@Test
	void membershipChangedReportsTheNewListAndThePreviousFront() {
		ServerManager<TestServer> manager = TestServer.builder().listener(this.listener).build();
		manager.addServer(this.a);
		manager.addServer(this.b);
		manager.removeServer(this.a);
		assertThat(this.listener.events).containsExactly("membership [a(1)] was null",
				"membership [a(1), b(1)] was a(1)", "membership [b(1)] was a(1)");
	}

	@Test
	void membershipChangedReportsTheListARebalancePublished() {
		// Shuffle [a, b, c]: i=2 swaps with 1 (a c b), i=1 swaps with 0 (c a b).
		ServerManager<TestServer> manager = TestServer.managerWith(
				TestServer.builder().random(ScriptedRandom.returning(1, 0)).listener(this.listener),
				List.of(this.a, this.b, this.c));
		this.listener.events.clear();
		manager.rebalance();
		assertThat(this.listener.events).containsExactly("membership [c(1), a(1), b(1)] was a(1)");
	}

	@Test
	void listenerSeesTheListAlreadyPublished() {
		AtomicReference<ServerManager<TestServer>> self = new AtomicReference<>();
		List<Boolean> published = new ArrayList<>();
		ServerManager<TestServer> manager = TestServer.builder().listener(new ServerManagerListener<>() {

			@Override
			public void membershipChanged(List<TestServer> servers, @Nullable TestServer previousFront) {
				published.add(self.get().servers() == servers);
			}

		}).build();
		self.set(manager);
		manager.addServer(this.a);
		manager.syncServers(List.of(this.a, this.b));
		manager.removeServer(this.a);
		assertThat(published).containsExactly(true, true, true);
	}

	@Test
	void aThrowingListenerDoesNotBreakTheManager() {
		ServerManager<TestServer> manager = TestServer.builder()
			.random(ScriptedRandom.returning(0))
			.listener(new ServerManagerListener<>() {

				@Override
				public void serverRotated(TestServer failed, TestServer newFront) {
					throw new IllegalStateException("rotated");
				}

				@Override
				public void rebalanced(RebalanceResult<TestServer> result) {
					throw new IllegalStateException("rebalanced");
				}

				@Override
				public void membershipChanged(List<TestServer> servers, @Nullable TestServer previousFront) {
					throw new IllegalStateException("membership");
				}

			})
			.build();
		manager.addServer(this.a);
		manager.addServer(this.b);
		manager.notifyFailedServer(this.a);
		assertThat(manager.servers()).containsExactly(this.b, this.a);
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(result.outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(manager.servers()).containsExactly(this.a, this.b);
		manager.removeServer(this.a);
		assertThat(manager.servers()).containsExactly(this.b);
	}

	private static final class RecordingListener implements ServerManagerListener<TestServer> {

		final List<String> events = new ArrayList<>();

		final List<RebalanceResult<TestServer>> results = new ArrayList<>();

		@Override
		public void serverRotated(TestServer failed, TestServer newFront) {
			this.events.add("rotated " + text(failed) + " -> " + text(newFront));
		}

		@Override
		public void rebalanced(RebalanceResult<TestServer> result) {
			this.results.add(result);
		}

		@Override
		public void membershipChanged(List<TestServer> servers, @Nullable TestServer previousFront) {
			this.events.add("membership " + servers.stream().map(RecordingListener::text).toList() + " was "
					+ ((previousFront != null) ? text(previousFront) : "null"));
		}

		private static String text(TestServer server) {
			return server.name() + "(" + server.version() + ")";
		}

	}

}
