package io.github.servermanager.benchmarks.simulator;

/**
 * Reads the one argument the simulators' programs take: {@code --seed N}, the seed of
 * every random draw, so that a table can be printed again exactly.
 */
final class SeedArgument {

	private SeedArgument() {
	}

	/**
	 * Returns the seed given on the command line.
	 * @param args the program's arguments
	 * @param fallback the seed of the program's tables in the docs
	 * @return the seed, {@code fallback} without one
	 * @throws IllegalArgumentException for any other argument
	 */
	static long parse(String[] args, long fallback) {
		long seed = fallback;
		for (int i = 0; i < args.length; i++) {
			if ("--seed".equals(args[i]) && i + 1 < args.length) {
				seed = Long.parseLong(args[++i]);
			}
			else {
				throw new IllegalArgumentException("Unknown argument '" + args[i] + "': use [--seed N]");
			}
		}
		return seed;
	}

}
