package io.github.servermanager.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JmhResultsTableTests {

	private static final List<String> CSV = List.of(
			"\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: instances\"",
			"\"io.github.servermanager.benchmarks.loadbalancer.ChooseBenchmark.serverManager\",\"avgt\",1,3,200.0,10.0,\"ns/op\",3",
			"\"io.github.servermanager.benchmarks.loadbalancer.ChooseBenchmark.serverManager:gc.alloc.rate.norm\",\"avgt\",1,3,216.0,0.5,\"B/op\",3",
			"\"io.github.servermanager.benchmarks.loadbalancer.ChooseBenchmark.springRoundRobin\",\"avgt\",1,3,800.0,40.0,\"ns/op\",3",
			"\"io.github.servermanager.benchmarks.loadbalancer.ChooseBenchmark.springRoundRobin:gc.alloc.rate.norm\",\"avgt\",1,3,920.0,1.0,\"B/op\",3");

	@Test
	void eachBenchmarkGetsOneRowWithTimeAndAllocation() {
		assertThat(JmhResultsTable.markdown(CSV))
			.contains("| ChooseBenchmark.serverManager | instances=3 | 1 | 200 | 10.00 | 216 |")
			.contains("| ChooseBenchmark.springRoundRobin | instances=3 | 1 | 800 | 40.00 | 920 |");
	}

	@Test
	void chooseBenchmarksGetTheRatioOfOursToSpringsFromTheSameRun() {
		assertThat(JmhResultsTable.markdown(CSV)).contains("| instances=3 | 200 | 800 | 0.25 | 216 | 920 | 0.23 |");
	}

	@Test
	void quotedFieldsKeepTheirCommas() {
		assertThat(JmhResultsTable.fields("\"a,b\",1,\"c\"")).containsExactly("a,b", "1", "c");
	}

}
