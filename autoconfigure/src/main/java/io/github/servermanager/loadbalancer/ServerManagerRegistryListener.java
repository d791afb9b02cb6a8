package io.github.servermanager.loadbalancer;

/**
 * Hears services come and go in the {@link ServerManagerRegistry}, for example to
 * register and remove per-service meters so that none leaks.
 */
public interface ServerManagerRegistryListener {

	/**
	 * A service's supplier started and its manager is now managed.
	 * @param service the service
	 */
	default void added(ManagedService service) {
	}

	/**
	 * A service's load-balancer context closed and its manager is no longer managed.
	 * @param service the service
	 */
	default void removed(ManagedService service) {
	}

}
