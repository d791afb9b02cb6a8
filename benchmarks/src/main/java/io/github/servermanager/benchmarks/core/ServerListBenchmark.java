package io.github.servermanager.benchmarks.core;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.servermanager.core.ServerManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The operations that copy the list, for growing numbers of servers: each should cost
 * time and memory in proportion to the list.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ServerListBenchmark {

	@Param({ "10", "1000", "10000" })
	public int servers;

	private ServerManager<BenchmarkServer> manager;

	private List<BenchmarkServer> membership;

	private List<BenchmarkServer> membershipWithoutLast;

	private boolean withoutLast;

	@Setup
	public void setUp() {
		this.membership = BenchmarkServer.servers(this.servers);
		this.membershipWithoutLast = this.membership.subList(0, this.servers - 1);
		this.manager = ServerManager.<BenchmarkServer>builder(BenchmarkServer::key).build();
		this.manager.syncServers(this.membership);
	}

	/** The front fails every time: the list rotates by one. */
	@Benchmark
	public int notifyFailedServer() {
		this.manager.notifyFailedServer(this.manager.findServer());
		return this.manager.numServers();
	}

	/** A discovery refresh that finds nothing new, the common case. */
	@Benchmark
	public int syncServersUnchanged() {
		this.manager.syncServers(this.membership);
		return this.manager.numServers();
	}

	/** A discovery refresh in which one server leaves or comes back, every time. */
	@Benchmark
	public int syncServersOneChanged() {
		this.withoutLast = !this.withoutLast;
		this.manager.syncServers(this.withoutLast ? this.membershipWithoutLast : this.membership);
		return this.manager.numServers();
	}

	/** Shuffle, one ping (every server answers) and reconcile. */
	@Benchmark
	public int rebalanceServers() {
		this.manager.rebalanceServers();
		return this.manager.numServers();
	}

}
