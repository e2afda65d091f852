package dev.rarec.train;

import dev.rarec.retriever.NdMath;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PreferenceLossTest {
    private static final double[][] NO_REWARDS = new double[][] {{0, 0}};

    private static double value(PreferenceLoss loss, double[][] logProbs, Optional<double[][]> ref, double[][] rewards) {
        try (NDManager m = NDManager.newBaseManager()) {
            return loss.loss(m.create(logProbs), ref.map(m::create), rewards).toDoubleArray()[0];
        }
    }

    @Test
    void dpoWithoutReferenceIsMinusLogSigmoidOfTheScaledMargin() {
        // β = 0.5, log π(C_w) = -3, log π(C_l) = -5: margin 1, loss log(1 + e^-1).
        double loss = value(new DpoLoss(0.5), new double[][] {{-3, -5}}, Optional.empty(), NO_REWARDS);
        assertThat(loss).isCloseTo(Math.log(1 + Math.exp(-1)), within(1e-12));
    }

    @Test
    void dpoWithReferenceUsesTheLogRatios() {
        // ratios -3-(-2) = -1 and -5-(-6) = 1: margin 0.5 * (-2) = -1, loss log(1 + e).
        double loss = value(new DpoLoss(0.5), new double[][] {{-3, -5}}, Optional.of(new double[][] {{-2, -6}}), NO_REWARDS);
        assertThat(loss).isCloseTo(Math.log(1 + Math.E), within(1e-12));
    }

    @Test
    void dpoAveragesOverPairsAndPushesTheWinnerUp() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray lp = m.create(new double[][] {{-3, -5}, {-4, -4}});
            lp.setRequiresGradient(true);
            double v;
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray loss = new DpoLoss(0.5).loss(lp, Optional.empty(), new double[][] {{0, 0}, {0, 0}});
                v = loss.toDoubleArray()[0];
                c.backward(loss);
            }
            assertThat(v).isCloseTo((Math.log(1 + Math.exp(-1)) + Math.log(2)) / 2, within(1e-12));
            double[] g = lp.getGradient().toDoubleArray();
            // d/dw of -log σ(β(w - l)) / 2 = -β σ(-β(w - l)) / 2
            assertThat(g[0]).isCloseTo(-0.5 * (1 / (1 + Math.exp(1))) / 2, within(1e-12));
            assertThat(g[1]).isCloseTo(-g[0], within(1e-12));
            assertThat(g[2]).isCloseTo(-0.5 * 0.5 / 2, within(1e-12));
        }
    }

    @Test
    void simpoSubtractsTheMarginGamma() {
        // β = 0.5, γ = 0.3: 0.5 * (-3 + 5) - 0.3 = 0.7, loss log(1 + e^-0.7); the reference is ignored.
        double expected = Math.log(1 + Math.exp(-0.7));
        assertThat(value(new SimPoLoss(0.5, 0.3), new double[][] {{-3, -5}}, Optional.empty(), NO_REWARDS))
                .isCloseTo(expected, within(1e-12));
        assertThat(value(new SimPoLoss(0.5, 0.3), new double[][] {{-3, -5}}, Optional.of(new double[][] {{9, -9}}), NO_REWARDS))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void negLogSigmoidDoesNotOverflow() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] v = NdMath.negLogSigmoid(m.create(new double[] {-1000, 0, 1000})).toDoubleArray();
            assertThat(v[0]).isCloseTo(1000, within(1e-9));
            assertThat(v[1]).isCloseTo(Math.log(2), within(1e-12));
            assertThat(v[2]).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void grpoAdvantagesAreStandardisedWithinTheGroup() {
        double std = Math.sqrt(4 * 0.25 / 3);
        assertThat(GrpoLoss.advantages(new double[] {1, 0, 0, 1}))
                .containsExactly(new double[] {0.5 / std, -0.5 / std, -0.5 / std, 0.5 / std}, within(1e-12));
        assertThat(GrpoLoss.advantages(new double[] {0.3, 0.3, 0.3})).containsExactly(0, 0, 0);
    }

    @Test
    void grpoLossIsMinusMeanOfLogProbTimesAdvantage() {
        double a = 0.5 / Math.sqrt(1.0 / 3);
        double[][] lp = {{-1, -2, -3, -5}};
        double[][] rewards = {{1, 0, 0, 1}};
        double expected = -(a * -1 - a * -2 - a * -3 + a * -5) / 4;
        assertThat(value(new GrpoLoss(4, 0.1), lp, Optional.empty(), rewards)).isCloseTo(expected, within(1e-6));
        // With a reference 0.1 above the policy everywhere the k3 KL adds β (e^0.1 - 0.1 - 1).
        double[][] ref = {{-0.9, -1.9, -2.9, -4.9}};
        assertThat(value(new GrpoLoss(4, 0.1), lp, Optional.of(ref), rewards))
                .isCloseTo(expected + 0.1 * (Math.exp(0.1) - 0.1 - 1), within(1e-6));
    }

    @Test
    void grpoWithEqualRewardsHasNoGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray lp = m.create(new double[][] {{-1, -2, -3}});
            lp.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(new GrpoLoss(3, 0).loss(lp, Optional.empty(), new double[][] {{0.5, 0.5, 0.5}}));
            }
            for (double g : lp.getGradient().toDoubleArray()) assertThat(Math.abs(g)).isZero();
        }
    }

    @Test
    void nllIsMinusLogSoftmaxOfTheTargetsAveraged() {
        double[][] scores = {{1, 2, 3}, {0, 0, 0}};
        double z0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double row0 = -((1 - z0) + (3 - z0)) / 2;
        double row1 = Math.log(3);
        try (NDManager m = NDManager.newBaseManager()) {
            double v = NegativeLogLikelihood.loss(m.create(scores), List.of(List.of(0, 2), Set.of(1))).toDoubleArray()[0];
            assertThat(v).isCloseTo((row0 + row1) / 2, within(1e-12));
        }
    }

    @Test
    void nllGradientReachesFloat32Scores() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = m.create(new float[] {1, 2, 3}, new ai.djl.ndarray.types.Shape(1, 3));
            s.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(NegativeLogLikelihood.loss(s, List.of(List.of(0))));
            }
            double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
            float[] g = s.getGradient().toFloatArray();
            assertThat((double) g[0]).isCloseTo(Math.exp(1) / z - 1, within(1e-6));
            assertThat((double) g[2]).isCloseTo(Math.exp(3) / z, within(1e-6));
        }
    }

    private static double[] gradientOfAllLosses(boolean collectGarbage) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray lp = m.create(new double[][] {{-3, -5}, {-4, -2.5}});
            NDArray ref = m.create(new double[][] {{-3.5, -4}, {-4, -3}});
            lp.setRequiresGradient(true);
            double[][] rewards = {{0.5, 0}, {0, 1}};
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray loss = new DpoLoss(0.3).loss(lp, Optional.of(ref), rewards)
                        .add(new SimPoLoss(0.7, 0.2).loss(lp, Optional.empty(), rewards))
                        .add(new GrpoLoss(2, 0.4).loss(lp, Optional.of(ref), rewards));
                if (collectGarbage) System.gc();
                c.backward(loss);
            }
            return lp.getGradient().toDoubleArray();
        }
    }

    @Test
    void gradientsSurviveAGarbageCollectionBeforeBackward() {
        // DJL's mul(Number) and maximum(Number) lose their operand to the collector before backward.
        double[] reference = gradientOfAllLosses(false);
        for (int rep = 0; rep < 10; rep++) assertThat(gradientOfAllLosses(true)).containsExactly(reference);
    }

    @Test
    void factoryFollowsTheMethod() {
        assertThat(PreferenceLoss.of(PreferenceConfig.defaults(PreferenceConfig.Method.SFT))).isEmpty();
        assertThat(PreferenceLoss.of(PreferenceConfig.defaults(PreferenceConfig.Method.GRPO))).get()
                .extracting(PreferenceLoss::groupSize).isEqualTo(8);
        assertThat(PreferenceLoss.of(PreferenceConfig.defaults(PreferenceConfig.Method.DPO))).get()
                .extracting(PreferenceLoss::pairwise).isEqualTo(true);
    }
}
