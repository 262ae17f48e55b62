import { Create } from 'react-admin';
import { cleanProgram, ProgramForm } from './ProgramForm';

export const ProgramCreate = () => (
  <Create transform={cleanProgram} redirect="show">
    <ProgramForm />
  </Create>
);
