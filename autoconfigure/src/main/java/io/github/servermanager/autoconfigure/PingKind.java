package io.github.servermanager.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How a rebalance checks a server before it puts it in front.
 */
public enum PingKind {

	/** A GET of the health path; any 2xx answer is healthy. */
	HTTP,

	/** A TCP connect to the instance's port. */
	TCP,

	/** No check: every server counts as healthy. */
	NONE;

	static @Nullable PingKind parse(String value) {
		for (PingKind kind : values()) {
			if (kind.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
				return kind;
			}
		}
		return null;
	}

}
