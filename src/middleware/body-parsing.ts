import express from 'express';

/** Form bodies only (no JSON API), small: the largest form is a few kilobytes. */
export const formBodies = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 100 });
