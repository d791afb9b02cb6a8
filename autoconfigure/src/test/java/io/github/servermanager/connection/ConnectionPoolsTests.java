package io.github.servermanager.connection;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a server's idle connections pool by pool, when a pool belongs to this
 * application alone and when applications in one JVM share it.
 */
class ConnectionPoolsTests {

	private static final ServerAddress OLD_FRONT = new ServerAddress("10.0.0.1", 8080);

	private final List<ServerAddress> closed = new ArrayList<>();

	/** Pools are held weakly: the test holds them. */
	private final List<Object> held = new ArrayList<>();

	@Test
	void closesTheServersIdleConnectionsInEveryPool() {
		ConnectionPools pools = new ConnectionPools();
		pools.register(pool(), this::close);
		pools.register(pool(), this::close);
		pools.closeIdleConnections(OLD_FRONT);
		assertThat(this.closed).containsExactly(OLD_FRONT, OLD_FRONT);
	}

	@Test
	void aPoolRegisteredTwiceIsClosedOnce() {
		ConnectionPools pools = new ConnectionPools();
		Object pool = pool();
		pools.register(pool, this::close);
		pools.register(pool, this::close);
		pools.closeIdleConnections(OLD_FRONT);
		assertThat(this.closed).containsExactly(OLD_FRONT);
		assertThat(pools.size()).isOne();
	}

	@Test
	void aSharedPoolKeepsTheConnectionsAnotherApplicationStillNeeds() {
		Object shared = pool();
		ConnectionPools leaving = new ConnectionPools();
		ConnectionPools stillUsing = new ConnectionPools();
		stillUsing.inUseWhen(OLD_FRONT::equals);
		leaving.register(shared, this::close);
		stillUsing.register(shared, this::close);
		leaving.closeIdleConnections(OLD_FRONT);
		assertThat(this.closed).isEmpty();
		stillUsing.inUseWhen((address) -> false);
		leaving.closeIdleConnections(OLD_FRONT);
		assertThat(this.closed).containsExactly(OLD_FRONT);
	}

	@Test
	void aPoolOfItsOwnIgnoresWhatOtherApplicationsUse() {
		ConnectionPools mine = new ConnectionPools();
		ConnectionPools other = new ConnectionPools();
		other.inUseWhen(OLD_FRONT::equals);
		mine.register(pool(), this::close);
		other.register(pool(), (pool, address) -> {
		});
		mine.closeIdleConnections(OLD_FRONT);
		assertThat(this.closed).containsExactly(OLD_FRONT);
	}

	private Object pool() {
		Object pool = new Object();
		this.held.add(pool);
		return pool;
	}

	private void close(Object pool, ServerAddress address) {
		this.closed.add(address);
	}

}
