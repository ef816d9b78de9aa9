import './lib/zod-jitless.ts'; // before any zod schema is built: see the file
import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/theme.css';

mount(App, { target: document.getElementById('app')! });
