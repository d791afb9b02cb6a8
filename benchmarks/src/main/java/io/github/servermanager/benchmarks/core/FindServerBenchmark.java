package io.github.servermanager.benchmarks.core;

import java.util.concurrent.TimeUnit;

import io.github.servermanager.core.ServerManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request cost: reading the front server. Two threads share one manager, as
 * concurrent requests of one application do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FindServerBenchmark {

	private ServerManager<BenchmarkServer> manager;

	@Setup
	public void setUp() {
		this.manager = ServerManager.<BenchmarkServer>builder(BenchmarkServer::key).build();
		this.manager.syncServers(BenchmarkServer.servers(5));
	}

	@Benchmark
	@Threads(1)
	public BenchmarkServer findServer() {
		return this.manager.findServer();
	}

	@Benchmark
	@Threads(2)
	public BenchmarkServer findServerTwoThreads() {
		return this.manager.findServer();
	}

}
