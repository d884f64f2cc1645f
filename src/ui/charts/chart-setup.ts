/**
 * chart.js with only the parts the analytics pages draw (bar and line charts). Imported ONLY through
 * `loadCharts()` below — a dynamic import — so chart.js never reaches the app's first download.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

export { Chart };
