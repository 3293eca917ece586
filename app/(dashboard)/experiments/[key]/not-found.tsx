import { ExperimentNotFound } from '@/components/experiments/experiment-not-found';

export default function NotFound() {
  return <ExperimentNotFound />;
}
