package io.github.servermanager.actuate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.servermanager.service.ManagedService;
import org.jspecify.annotations.Nullable;

/**
 * What an operator may ask of a service through the endpoint.
 */
public enum ServiceOperation {

	/** Shuffle, ping and reconcile now, rather than at the next deadline. */
	REBALANCE {
		@Override
		void applyTo(ManagedService service) {
			service.rebalanceNow();
		}
	},

	/**
	 * Move the front server to the end, as a failed request would: drains it before
	 * maintenance without waiting for a rebalance.
	 */
	ROTATE {
		@Override
		void applyTo(ManagedService service) {
			service.rotateFront();
		}
	};

	abstract void applyTo(ManagedService service);

	/**
	 * Returns the name an operator types.
	 * @return the lower-case name
	 */
	public String operationName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Finds an operation by the name an operator typed, ignoring case.
	 * @param name the name, perhaps {@code null}
	 * @return the operation, or {@code null} when there is none of that name
	 */
	public static @Nullable ServiceOperation parse(@Nullable String name) {
		if (name == null) {
			return null;
		}
		String wanted = name.trim();
		for (ServiceOperation operation : values()) {
			if (operation.operationName().equalsIgnoreCase(wanted)) {
				return operation;
			}
		}
		return null;
	}

	/**
	 * Returns the names of every operation.
	 * @return the names, in declaration order
	 */
	public static List<String> operationNames() {
		return Arrays.stream(values()).map(ServiceOperation::operationName).toList();
	}

}
