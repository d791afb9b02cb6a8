package io.github.servermanager.sample.traffic;

import java.util.stream.Collectors;

/**
 * Turns two consecutive ticks into the one line the sample logs per tick, for example
 * {@code served b2 x10 | errors 0 | failovers 1 | offline b1 | failover b1 -> b2}.
 * <p>
 * When the last call of a tick was served by another backend than the last call of the
 * tick before, the traffic changed servers: a "failover" when the backend left behind is
 * offline or calls failed, a "move" otherwise (a rebalance, or round robin).
 */
final class TrafficLine {

	private TrafficLine() {
	}

	static String describe(TrafficTick previous, TrafficTick current) {
		StringBuilder line = new StringBuilder("served ");
		if (current.servedBy().isEmpty()) {
			line.append("nothing");
		}
		else {
			line.append(current.servedBy()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " x" + entry.getValue())
				.collect(Collectors.joining(", ")));
		}
		line.append(" | errors ").append(current.errors());
		if (current.failovers() != null) {
			line.append(" | failovers ").append(current.failovers());
		}
		line.append(" | offline ").append(current.offline().isEmpty() ? "none" : String.join(" ", current.offline()));
		String from = previous.lastServed();
		String to = current.lastServed();
		if (from != null && to != null && !from.equals(to)) {
			boolean failed = current.errors() > 0 || current.offline().contains(from);
			line.append(failed ? " | failover " : " | moved ").append(from).append(" -> ").append(to);
		}
		return line.toString();
	}

}
