package io.github.servermanager.service;

import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells every observer of something, one after the other: an observer that throws is
 * logged and skipped, never allowed to stop the others or the work that reported it.
 */
public final class Observers {

	private static final Log logger = LogFactory.getLog(Observers.class);

	private Observers() {
	}

	/**
	 * Calls each observer.
	 * @param observers who to tell
	 * @param call what to tell each
	 */
	public static void notifyEach(Iterable<? extends ServerManagerObserver> observers,
			Consumer<ServerManagerObserver> call) {
		for (ServerManagerObserver observer : observers) {
			try {
				call.accept(observer);
			}
			catch (RuntimeException ex) {
				logger.warn("Server manager observer " + observer + " failed", ex);
			}
		}
	}

}
