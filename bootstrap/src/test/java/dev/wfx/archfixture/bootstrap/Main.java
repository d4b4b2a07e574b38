package dev.wfx.archfixture.bootstrap;

/** The broken set's composition root. */
public class Main {}
