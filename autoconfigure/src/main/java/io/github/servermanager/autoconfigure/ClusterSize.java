package io.github.servermanager.autoconfigure;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The value of {@code server-manager.cluster-size}: how many clients share a service's
 * servers, which sets how often each client may rebalance. Spring Boot binds it through
 * {@link #valueOf(String)}, or {@link #valueOf(Integer)} for a YAML number.
 */
public final class ClusterSize {

	/** Count every instance in discovery, of every service: Consul's node count. */
	public static final ClusterSize AUTO = new ClusterSize(Count.ALL_INSTANCES, 0);

	/** Count the instances of this application's {@code spring.application.name}. */
	public static final ClusterSize SELF = new ClusterSize(Count.THIS_APPLICATION, 0);

	private final Count count;

	private final int fixed;

	private ClusterSize(Count count, int fixed) {
		this.count = count;
		this.fixed = fixed;
	}

	/**
	 * Returns a fixed cluster size.
	 * @param size the number of clients, at least 1
	 * @return the cluster size
	 */
	public static ClusterSize of(int size) {
		if (size < 1) {
			throw new IllegalArgumentException("a cluster size must be at least 1, but was " + size);
		}
		return new ClusterSize(Count.FIXED, size);
	}

	/**
	 * Parses {@code auto}, {@code self} or a whole number of at least 1.
	 * @param value the configured value
	 * @return the cluster size
	 * @throws IllegalArgumentException for any other value, with a message that names the
	 * valid forms (Spring Boot shows it in its start-up report)
	 */
	public static ClusterSize valueOf(String value) {
		String trimmed = value.trim().toLowerCase(Locale.ROOT);
		if (trimmed.equals("auto")) {
			return AUTO;
		}
		if (trimmed.equals("self")) {
			return SELF;
		}
		try {
			int size = Integer.parseInt(trimmed);
			if (size >= 1) {
				return of(size);
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the valid forms.
		}
		throw new IllegalArgumentException(
				"'" + value + "' is not a cluster size: use 'auto', 'self' or a whole number of at least 1");
	}

	/**
	 * Converts a number, as YAML gives it for {@code cluster-size: 40}.
	 * @param size the number of clients, at least 1
	 * @return the cluster size
	 */
	public static ClusterSize valueOf(Integer size) {
		return of(size);
	}

	/**
	 * Returns what is counted.
	 * @return how the size is found
	 */
	public Count count() {
		return this.count;
	}

	/**
	 * Returns the fixed size.
	 * @return the size when {@link #count()} is {@link Count#FIXED}, else 0
	 */
	public int fixed() {
		return this.fixed;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ClusterSize that) && this.count == that.count && this.fixed == that.fixed;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.count, this.fixed);
	}

	@Override
	public String toString() {
		return switch (this.count) {
			case ALL_INSTANCES -> "auto";
			case THIS_APPLICATION -> "self";
			case FIXED -> Integer.toString(this.fixed);
		};
	}

	/** How a cluster size is found. */
	public enum Count {

		/** Every instance in discovery, of every service, by distinct host and port. */
		ALL_INSTANCES,

		/** The instances of this application in discovery. */
		THIS_APPLICATION,

		/** A number from the configuration. */
		FIXED

	}

}
