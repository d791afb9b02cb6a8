package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list operation reads each server's key a bounded number of times: a nested scan
 * over {@value #SERVERS} servers would read keys millions of times.
 */
class ServerManagerLinearCostTest {

	private static final int SERVERS = 2000;

	private final AtomicLong keyReads = new AtomicLong();

	private final AtomicReference<ServerManager<TestServer>> self = new AtomicReference<>();

	private final List<TestServer> servers = new ArrayList<>();

	private final ServerManager<TestServer> manager = ServerManager.<TestServer>builder((server) -> {
		this.keyReads.incrementAndGet();
		return server.name();
	}).random(TestServer.seeded(9)).pinger(this::pingDuringWhichMembershipChanges).build();

	@BeforeEach
	void fill() {
		for (int i = 0; i < SERVERS; i++) {
			this.servers.add(TestServer.named("server-" + i));
		}
		this.self.set(this.manager);
		this.manager.syncServers(this.servers);
		this.keyReads.set(0);
	}

	@Test
	void addServerReadsEachKeyOnce() {
		this.manager.addServer(this.servers.get(SERVERS - 1).withVersion(2));
		assertThat(this.keyReads).hasValueLessThanOrEqualTo(SERVERS + 1);
	}

	@Test
	void removeServerReadsEachKeyOnce() {
		this.manager.removeServer(this.manager.servers().get(SERVERS - 1));
		assertThat(this.keyReads).hasValueLessThanOrEqualTo(SERVERS + 1);
	}

	@Test
	void syncServersReadsEachKeyAConstantNumberOfTimes() {
		List<TestServer> membership = new ArrayList<>(this.servers.subList(SERVERS / 2, SERVERS));
		membership.add(TestServer.named("new"));
		this.manager.syncServers(membership);
		assertThat(this.keyReads).hasValueLessThanOrEqualTo(3L * SERVERS);
	}

	@Test
	void rebalanceReadsEachKeyAConstantNumberOfTimes() {
		RebalanceResult<TestServer> result = this.manager.rebalance();
		assertThat(result.outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(this.manager.numServers()).isEqualTo(SERVERS - SERVERS / 10 + 1);
		// The pinger's syncServers reads every key about twice; the rest is the
		// rebalance.
		assertThat(this.keyReads).hasValueLessThanOrEqualTo(8L * SERVERS);
	}

	@Test
	void notifyFailedServerReadsAFewKeys() {
		this.manager.notifyFailedServer(this.manager.findServer());
		assertThat(this.keyReads).hasValueLessThanOrEqualTo(4);
	}

	@Test
	void findServerReadsNoKey() {
		this.manager.findServer();
		assertThat(this.keyReads).hasValue(0);
	}

	/**
	 * Fails every other server; the first ping also removes a tenth of the servers and
	 * adds one, so the reconcile has every kind of change to merge.
	 */
	private boolean pingDuringWhichMembershipChanges(TestServer server) {
		ServerManager<TestServer> manager = this.self.get();
		if (manager.numServers() == SERVERS) {
			List<TestServer> membership = new ArrayList<>(this.servers.subList(0, SERVERS - SERVERS / 10));
			membership.add(TestServer.named("added"));
			manager.syncServers(membership);
		}
		return Integer.parseInt(server.name().substring("server-".length())) % 2 == 0;
	}

}
