package io.github.servermanager.benchmarks.simulator;

import java.util.BitSet;
import java.util.List;

import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.core.RebalanceSchedule;
import io.github.servermanager.core.RebalanceSpread;
import io.github.servermanager.core.ServerManager;
import org.jspecify.annotations.Nullable;

/**
 * A client that keeps its servers in a real {@link ServerManager} and rebalances on a
 * real {@link RebalanceSchedule}: each request goes to the first server of
 * {@link ServerManager#requestOrder()}, a retry to the second, and a failure is reported
 * with {@link ServerManager#rotateFailedServer}.
 */
final class ManagedRequestClient implements RequestClient {

	private final ServerManager<VirtualServer> manager;

	private final RebalanceSchedule schedule;

	/** The schedule's deadline, read again after each rebalance. */
	private long deadlineNanos;

	private List<VirtualServer> order = List.of();

	/**
	 * Starts a client on a manager that already holds its servers. The schedule re-arms
	 * on a change in the number of servers under the spread schedule, as the starter's
	 * does, and not under Consul's.
	 * @param manager the manager
	 * @param spread how the schedule draws its deadlines
	 * @param nowNanos the virtual time the client starts at
	 */
	ManagedRequestClient(ServerManager<VirtualServer> manager, RebalanceSpread spread, long nowNanos) {
		this.manager = manager;
		this.schedule = new RebalanceSchedule(manager, spread, spread == RebalanceSpread.SPREAD, nowNanos);
		this.deadlineNanos = this.schedule.deadlineNanos();
	}

	@Override
	public @Nullable Rebalanced rebalanceIfDue(long nowNanos) {
		if (nowNanos - this.deadlineNanos < 0) {
			return null;
		}
		if (!this.schedule.isDue(nowNanos)) {
			this.deadlineNanos = this.schedule.deadlineNanos();
			return null;
		}
		BitSet before = inUse();
		RebalanceResult<VirtualServer> result = this.manager.rebalance();
		this.schedule.rebalanced(nowNanos, result.outcome());
		this.deadlineNanos = this.schedule.deadlineNanos();
		BitSet after = inUse();
		return new Rebalanced(!before.equals(after), after.cardinality(), this.deadlineNanos - nowNanos);
	}

	@Override
	public VirtualServer pick() {
		this.order = this.manager.requestOrder();
		return this.order.get(0);
	}

	@Override
	public VirtualServer retryServer() {
		return this.order.get((this.order.size() > 1) ? 1 : 0);
	}

	@Override
	public void failed(VirtualServer server) {
		this.manager.rotateFailedServer(server);
	}

	/** The servers requests go to: the aperture, or the front alone. */
	private BitSet inUse() {
		BitSet servers = new BitSet();
		for (VirtualServer server : this.manager.aperture().servers()) {
			servers.set(server.index());
		}
		return servers;
	}

}
