/** A fixture that breaks the rule that core never touches Spark (the spark module's architecture test). */
package dev.glia.core.sparkfixture;
