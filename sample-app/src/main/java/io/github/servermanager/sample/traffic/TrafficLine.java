package io.github.servermanager.sample.traffic;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns two consecutive ticks into the one line the sample logs per second, for example
 * {@code served b2 x10 | errors 0 | offline b1 | failover b1 -> b2}.
 * <p>
 * A backend that served in the previous tick and not in this one has been left: a
 * "failover" when it is offline or calls failed, a "move" otherwise (a rebalance).
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
		line.append(" | offline ").append(current.offline().isEmpty() ? "none" : String.join(" ", current.offline()));
		appendChange(line, previous, current);
		return line.toString();
	}

	private static void appendChange(StringBuilder line, TrafficTick previous, TrafficTick current) {
		Set<String> left = new TreeSet<>(previous.backendsServing());
		left.removeAll(current.backendsServing());
		Set<String> joined = new TreeSet<>(current.backendsServing());
		joined.removeAll(previous.backendsServing());
		if (!left.isEmpty() && !current.backendsServing().isEmpty()) {
			boolean failed = current.errors() > 0 || left.stream().anyMatch(current.offline()::contains);
			line.append(failed ? " | failover " : " | moved ")
				.append(String.join(" ", left))
				.append(" -> ")
				.append(String.join(" ", current.backendsServing()));
		}
		else if (!joined.isEmpty() && !previous.backendsServing().isEmpty()) {
			line.append(" | joined ").append(String.join(" ", joined));
		}
	}

}
