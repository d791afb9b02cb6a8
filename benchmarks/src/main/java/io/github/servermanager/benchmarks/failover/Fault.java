package io.github.servermanager.benchmarks.failover;

import java.util.function.Consumer;

/**
 * What happens to one backend in the middle of a run.
 */
public enum Fault {

	/** (a) The backend stops: connections are refused. */
	STOP("(a) stopped", FaultyBackend::stop),

	/** (b) The backend accepts connections but never answers. */
	HANG("(b) hangs", FaultyBackend::hang),

	/** (c) The backend answers every request with 503. */
	ANSWER_503("(c) answers 503", FaultyBackend::answer503);

	private final String label;

	private final Consumer<FaultyBackend> injection;

	Fault(String label, Consumer<FaultyBackend> injection) {
		this.label = label;
		this.injection = injection;
	}

	public String label() {
		return this.label;
	}

	void inject(FaultyBackend backend) {
		this.injection.accept(backend);
	}

}
