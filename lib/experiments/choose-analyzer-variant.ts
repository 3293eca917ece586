import { assignVariant } from './assign-variant';
import type { AnalyzerConfig, Experiment } from './experiment';
import { listRunningExperiments, targets } from './find-running-experiment';

export interface AnalyzerChoice {
  experimentKey: string;
  /** The variant's name, or `holdout` (served control's analyzer). */
  variant: string;
  holdout: boolean;
  analyzer: AnalyzerConfig;
  /** Entered the experiment with this call. */
  new: boolean;
}

type Customer = { customerId: string; segment?: string | null };

/** The choice among already-read running experiments (earliest started first): see findRunningExperimentFor. */
async function chooseAmong(
  running: readonly Experiment[],
  customer: Customer,
  now: Date,
): Promise<AnalyzerChoice | undefined> {
  const experiment = running.find((e) => targets(e, customer.segment));
  if (!experiment) return undefined;
  const outcome = await assignVariant(experiment.key, customer.customerId, { experiment, now });
  if (!outcome.inExperiment || !outcome.active) return undefined;
  return {
    experimentKey: outcome.experimentKey,
    variant: outcome.variant,
    holdout: outcome.holdout,
    analyzer: outcome.analyzer,
    new: outcome.new,
  };
}

/**
 * For the analysis pipeline: the analyzer a running experiment chooses for this customer, or undefined (no running
 * experiment targets them, or they are not in it: use the configured analyzer). Assigns on first call.
 */
export async function chooseAnalyzerVariant(
  customer: Customer,
  now = new Date(),
): Promise<AnalyzerChoice | undefined> {
  return chooseAmong(await listRunningExperiments(), customer, now);
}

export interface AnalyzerChooser {
  /** The running experiments as read when the chooser was made. */
  experiments: readonly Experiment[];
  choose(customer: Customer): Promise<AnalyzerChoice | undefined>;
}

/**
 * For a batch run: the running experiments are read once, then each customer's choice costs only their assignment
 * (a read, and a write on first entry). An experiment paused or stopped during the run keeps choosing until the
 * run ends; a customer's stored variant never changes either way.
 */
export async function createAnalyzerChooser(): Promise<AnalyzerChooser> {
  const experiments = await listRunningExperiments();
  return {
    experiments,
    choose: (customer) =>
      experiments.length ? chooseAmong(experiments, customer, new Date()) : Promise.resolve(undefined),
  };
}
