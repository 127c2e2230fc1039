package dev.loadbearing.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TheilSenTest {

  @Test
  void findsTheSlopeAndInterceptOfALine() {
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 3 + 2 * x[i];
    }
    TheilSen fit = TheilSen.fit(x, y, 0.95);
    assertThat(fit.slope()).isEqualTo(2.0);
    assertThat(fit.intercept()).isEqualTo(3.0);
    assertThat(fit.lower()).isEqualTo(2.0);
    assertThat(fit.upper()).isEqualTo(2.0);
  }

  @Test
  void aFewWildPointsDoNotMoveIt() {
    double[] x = new double[30];
    double[] y = new double[30];
    for (int i = 0; i < 30; i++) {
      x[i] = i;
      y[i] = 10 + 0.5 * i;
    }
    y[3] = 500;
    y[17] = -300;
    y[25] = 900;
    assertThat(TheilSen.fit(x, y, 0.95).slope()).isCloseTo(0.5, within(0.05));
  }

  @Test
  void itsIntervalHoldsTheTrueSlopeAboutAsOftenAsPromised() {
    Random random = new Random(7);
    int held = 0;
    int trials = 400;
    for (int t = 0; t < trials; t++) {
      double[] x = new double[40];
      double[] y = new double[40];
      for (int i = 0; i < 40; i++) {
        x[i] = i;
        y[i] = 1.5 * i + random.nextGaussian() * 8;
      }
      TheilSen fit = TheilSen.fit(x, y, 0.90);
      if (fit.lower() <= 1.5 && 1.5 <= fit.upper()) {
        held++;
      }
    }
    assertThat((double) held / trials).isBetween(0.85, 0.96);
  }

  @Test
  void normalQuantilesAreTheTabulatedOnes() {
    assertThat(TheilSen.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
    assertThat(TheilSen.normalQuantile(0.5)).isCloseTo(0, within(1e-12));
    assertThat(TheilSen.normalQuantile(0.01)).isCloseTo(-2.326348, within(1e-6));
  }
}
