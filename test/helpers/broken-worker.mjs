// A worker module that cannot load (as after a broken install): the engine must not wait for it.
throw new Error('this worker module is broken');
